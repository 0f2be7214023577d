import COpenSSL

/// A failure inside the cryptographic layer, with a machine-readable code and, where
/// OpenSSL produced one, its error queue drained into `detail`. Never holds key material.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidKey = "invalid_key"
        case unsupportedKey = "unsupported_key"
        case invalidCertificate = "invalid_certificate"
        case signingFailed = "signing_failed"
        case internalFailure = "internal_failure"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// An error of `code` whose detail is the current OpenSSL error queue (which is emptied).
    static func openSSL(_ code: Code, _ context: String) -> CryptoError {
        let queue = drainOpenSSLErrors()
        return CryptoError(code, queue.isEmpty ? context : "\(context): \(queue)")
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}

/// Empties OpenSSL's thread-local error queue and returns its entries as text.
@discardableResult
func drainOpenSSLErrors() -> String {
    var messages: [String] = []
    while true {
        let code = ERR_get_error()
        if code == 0 { break }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return messages.joined(separator: "; ")
}
