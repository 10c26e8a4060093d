/// Why an input of events cannot be read. Raised before the ledger is locked for writing (see
/// `InputFile`), except a read failure part-way, which ends the post with nothing written.
public enum InputError: Error, Equatable {
    /// The file could not be opened (errno).
    case cannotOpen(path: String, errno: Int32)
    /// A directory was given as the input.
    case isDirectory(path: String)
    /// Not a regular file, a pipe or a terminal: a device such as `/dev/zero` or a socket,
    /// which could feed a post for ever. `kind` names it in plain words.
    case unsupportedKind(path: String, kind: String)
    /// Standard input (or a named pipe) holds more than `limitBytes`, the most copied aside.
    case tooLarge(path: String, limitBytes: Int)
    /// The lines end in a carriage return alone (old Mac files): the whole input would read as
    /// one line.
    case carriageReturnLineEnds(path: String)
    /// Reading failed part-way (errno).
    case readFailed(path: String, errno: Int32)
    /// The private copy of standard input could not be made (errno).
    case cannotCopy(path: String, errno: Int32)
}
