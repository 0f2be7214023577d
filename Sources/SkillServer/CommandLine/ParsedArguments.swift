import Foundation

/// The options and positional arguments of one command, checked against its `OptionSpec`s.
struct ParsedArguments: Sendable {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private(set) var helpRequested = false

    /// Parses `arguments` (everything after the subcommand name).
    init(_ arguments: [String], options: [OptionSpec]) throws(UsageError) {
        let byName = Dictionary(options.map { ($0.name, $0) }) { first, _ in first }
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "--help" {
                helpRequested = true
                continue
            }

            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard let spec = byName[name] else { throw UsageError("unknown option --\(name)") }

            if !spec.takesValue {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if values[name] != nil, !spec.repeatable {
                throw UsageError("--\(name) given more than once")
            }
            values[name, default: []].append(value)
        }
    }

    func has(_ flag: String) -> Bool {
        flags.contains(flag)
    }

    /// The value of an option given at most once.
    func string(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value of a repeatable option, in order.
    func strings(_ name: String) -> [String] {
        values[name] ?? []
    }

    func required(_ name: String) throws(UsageError) -> String {
        guard let value = string(name), !value.isEmpty else { throw UsageError("missing --\(name)") }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func seconds(_ name: String, in range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError("--\(name) must be a number of seconds from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An absolute http or https URL.
    func url(_ name: String) throws(UsageError) -> URL? {
        guard let text = string(name) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else { throw UsageError("--\(name) must be an absolute http(s) URL") }
        return url
    }

    func requiredURL(_ name: String) throws(UsageError) -> URL {
        guard let url = try url(name) else { throw UsageError("missing --\(name)") }
        return url
    }

    /// Exactly `count` positional arguments, named for the error message.
    func positionals(exactly names: [String]) throws(UsageError) -> [String] {
        guard positionals.count == names.count else {
            if positionals.count < names.count {
                throw UsageError("missing \(names[positionals.count])")
            }
            throw UsageError("unexpected argument \(positionals[names.count])")
        }
        return positionals
    }
}
