/// Why a request was not accepted as coming from Alexa. The code is the reason named in the
/// HTTP answer and in the log line; the detail is for logs only and never holds a signature.
public struct RequestVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case bodyTooLarge = "body_too_large"
        case certURLInvalid = "cert_url_invalid"
        case certFetchFailed = "cert_fetch_failed"
        case certExpired = "cert_expired"
        case certNameMismatch = "cert_name_mismatch"
        case certUntrusted = "cert_untrusted"
        case signatureMissing = "signature_missing"
        case signatureInvalid = "signature_invalid"
        case timestampOutOfRange = "timestamp_out_of_range"
        case skillIDMismatch = "skill_id_mismatch"
        case malformedRequest = "malformed_request"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    /// The HTTP status to answer with: 413 for an oversized body, 400 for everything else
    /// (Amazon's certification expects 400 for forged requests).
    public var httpStatus: Int {
        code == .bodyTooLarge ? 413 : 400
    }

    /// A small JSON answer naming the reason: `{"error":"request_not_verified","reason":"…"}`.
    public var responseBody: [UInt8] {
        Array(#"{"error":"request_not_verified","reason":"\#(code.rawValue)"}"#.utf8)
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
