/// Read access to a request's header fields, so this module does not depend on the HTTP server.
///
/// `HTTPServer.HTTPHeaders` already has this method: `extension HTTPHeaders: AlexaRequestHeaders {}`.
public protocol AlexaRequestHeaders {
    /// Every value of the named field, in arrival order; names compare case-insensitively.
    func values(_ name: String) -> [String]
}

/// Header fields as a plain list, for the command line and tests.
public struct RequestHeaderList: AlexaRequestHeaders, Sendable {
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

/// The header names Alexa signs requests with.
public enum AlexaHeaderName {
    public static let certificateChainURL = "SignatureCertChainUrl"
    public static let signature256 = "Signature-256"
    public static let legacySignature = "Signature"
}
