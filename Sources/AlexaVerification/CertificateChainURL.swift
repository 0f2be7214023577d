import Foundation

/// A `SignatureCertChainUrl` that passed Amazon's rules, in the normalised form that is both
/// checked and fetched (so the URL checked is the URL fetched).
///
/// Rules ("Host a custom skill as a web service", verifying the signature certificate URL):
/// scheme `https` and host `s3.amazonaws.com`, both in any case; no user information; port
/// absent or 443; no query or fragment; the path, after decoding percent-encoded unreserved
/// characters (RFC 3986 section 6.2.2.2) and removing dot segments (section 5.2.4), starts
/// with `/echo.api/` in exactly that case and names a file.
public struct CertificateChainURL: Sendable, Hashable, CustomStringConvertible {
    /// The normalised URL: `https://s3.amazonaws.com` followed by the normalised path.
    public let url: URL
    /// The normalised path, starting with `/echo.api/`.
    public let path: String

    public static let requiredHost = "s3.amazonaws.com"
    public static let requiredPathPrefix = "/echo.api/"
    /// Longer header values are refused unparsed.
    public static let maximumLength = 2048

    /// Parses and normalises a header value; throws `cert_url_invalid` for anything outside the rules.
    public init(_ raw: String) throws(RequestVerificationError) {
        func invalid(_ why: String) -> RequestVerificationError {
            RequestVerificationError(.certURLInvalid, why)
        }

        guard !raw.isEmpty, raw.utf8.count <= Self.maximumLength else { throw invalid("empty or too long") }
        guard let components = URLComponents(string: raw, encodingInvalidCharacters: false) else {
            throw invalid("not a URL")
        }
        guard components.scheme?.lowercased() == "https" else { throw invalid("scheme is not https") }
        guard components.percentEncodedUser == nil, components.percentEncodedPassword == nil else {
            throw invalid("user information present")
        }
        guard components.percentEncodedHost?.lowercased() == Self.requiredHost else {
            throw invalid("host is not \(Self.requiredHost)")
        }
        guard components.port == nil || components.port == 443 else { throw invalid("port is not 443") }
        guard components.percentEncodedQuery == nil, components.percentEncodedFragment == nil else {
            throw invalid("query or fragment present")
        }

        guard let decoded = Self.decodingUnreservedCharacters(components.percentEncodedPath) else {
            throw invalid("bad percent-encoding in path")
        }
        let normalisedPath = Self.removingDotSegments(decoded)
        guard normalisedPath.hasPrefix(Self.requiredPathPrefix) else { throw invalid("path outside /echo.api/") }
        guard !normalisedPath.hasSuffix("/") else { throw invalid("path names no file") }
        guard let url = URL(string: "https://\(Self.requiredHost)\(normalisedPath)") else {
            throw invalid("normalised URL unusable")
        }
        self.url = url
        self.path = normalisedPath
    }

    /// The last path segment, as `--cert-chain-dir` looks it up (`DIR/<file name>`).
    public var fileName: String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    }

    public var description: String { url.absoluteString }

    /// Decodes `%XX` triplets that stand for unreserved characters (ALPHA, DIGIT, `-._~`,
    /// RFC 3986 section 2.3) and upper-cases the hex digits of the others (section 6.2.2.1).
    /// Returns nil for a `%` not followed by two hex digits.
    static func decodingUnreservedCharacters(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            else { return nil }
            let value = high << 4 | low
            if isUnreserved(value) {
                output.append(value)
            } else {
                output.append(contentsOf: Array(String(format: "%%%02X", value).utf8))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 3986 section 5.2.4, "Remove Dot Segments", on an absolute path.
    static func removingDotSegments(_ path: String) -> String {
        var input = Substring(path)
        var output: [Substring] = []
        while !input.isEmpty {
            if input.hasPrefix("../") {
                input = input.dropFirst(3)
            } else if input.hasPrefix("./") {
                input = input.dropFirst(2)
            } else if input.hasPrefix("/./") {
                input = input.dropFirst(2)
            } else if input == "/." {
                input = "/"
            } else if input.hasPrefix("/../") {
                input = input.dropFirst(3)
                _ = output.popLast()
            } else if input == "/.." {
                input = "/"
                _ = output.popLast()
            } else if input == "." || input == ".." {
                input = ""
            } else {
                // Move the first segment, with its leading "/" if any, to the output.
                let searchStart = input.hasPrefix("/") ? input.index(after: input.startIndex) : input.startIndex
                let end = input[searchStart...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        return output.joined()
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
