/// An HTTP request as the server hands it to a handler: the body collected whole.
public struct HTTPRequest: Sendable {
    /// The method in upper case, for example `POST`.
    public var method: String
    /// The path without the query, for example `/alexa`.
    public var path: String
    /// The query parameters, decoded.
    public var query: [String: String]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: String,
        path: String,
        query: [String: String] = [:],
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}
