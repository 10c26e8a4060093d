/// One input line of the property test, built field by field so that the model can read it
/// without a JSON parser: the engine parses the bytes, the model reads the fields.
struct GeneratedLine: CustomStringConvertible {
    enum Value: Equatable {
        case text(String)
        /// A JSON number, written as is (never acceptable as an amount).
        case number(String)
        case list([String])
    }

    var fields: [(key: String, value: Value)]
    /// Set for lines that are deliberately not one JSON object; `fields` is then ignored.
    var malformed: String?

    init(_ fields: [(key: String, value: Value)]) {
        self.fields = fields
    }

    init(malformed text: String) {
        fields = []
        malformed = text
    }

    subscript(key: String) -> Value? {
        get { fields.first { $0.key == key }?.value }
        set {
            let index = fields.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): fields[index].value = value
            case (let index?, nil): fields.remove(at: index)
            case (nil, let value?): fields.append((key, value))
            case (nil, nil): break
            }
        }
    }

    func text(_ key: String) -> String? {
        if case .text(let text)? = self[key] { return text }
        return nil
    }

    /// Generated texts hold no quote, backslash or control character, so no escaping is needed.
    var description: String {
        if let malformed { return malformed }
        let members = fields.map { key, value -> String in
            switch value {
            case .text(let text): return "\"\(key)\":\"\(text)\""
            case .number(let number): return "\"\(key)\":\(number)"
            case .list(let items): return "\"\(key)\":[" + items.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    var bytes: [UInt8] { Array(description.utf8) }
}
