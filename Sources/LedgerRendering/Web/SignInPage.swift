/// `/sign-in`: one password-type field for the token `budget-ledger users add` printed.
public enum SignInPage {
    /// - Parameter error: why the last attempt failed, shown above the form; nil the first time.
    public static func page(error: String? = nil) -> [UInt8] {
        var main = "<h1>Sign in</h1>"
        if let error { main += WebFormat.errorSummary(error) }
        main += """
        <p class="lede">Use the token you were given when your account was set up with <code>budget-ledger users add</code>.</p>
        <form method="post" action="/sign-in" class="panel" novalidate>
        <div class="field"><label for="token">Token</label>
        <p class="hint" id="token-hint">It is a long string of letters and numbers. Ask your ledger administrator if you have lost it.</p>
        <input type="password" id="token" name="token" autocomplete="current-password" spellcheck="false" aria-describedby="token-hint" required></div>
        <p><button type="submit" class="button">Sign in</button></p>
        </form>
        <p class="hint">You will be signed out after 8 hours without using the service.</p>
        """
        return WebLayout.document(title: error == nil ? "Sign in" : "Error: sign in", chrome: nil, main: main)
    }
}
