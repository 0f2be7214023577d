/// One `--name value` option or `--name` switch a command accepts.
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// Takes a value: `--port 8080` or `--port=8080`.
        case value(placeholder: String)
        /// A switch without a value: `--allow-sha1`.
        case flag
    }

    var name: String
    var kind: Kind
    var help: String
    var repeatable: Bool

    static func value(_ name: String, _ placeholder: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help, repeatable: repeatable)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help, repeatable: false)
    }

    var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    /// `--port P` or `--allow-sha1`, as shown in help text.
    var synopsis: String {
        switch kind {
        case .value(let placeholder): "--\(name) \(placeholder)"
        case .flag: "--\(name)"
        }
    }
}
