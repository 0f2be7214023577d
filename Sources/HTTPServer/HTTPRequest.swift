/// An HTTP request as the server hands it to a handler: the body collected whole.
public struct HTTPRequest: Sendable {
    /// The method in upper case, for example `POST`.
    public var method: String
    /// The path without the query, percent-decoded (`+` stays `+`), for example `/alexa`.
    public var path: String
    /// The query parameters, decoded as `application/x-www-form-urlencoded` (`+` is a space);
    /// when a name repeats, the first value wins. `queryItems` has every pair.
    public var query: [String: String]
    /// Every query parameter in arrival order, repeats included; a name without `=` has value "".
    public var queryItems: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// - Parameter queryItems: every pair in order; when omitted, made from `query` (sorted by name).
    public init(
        method: String,
        path: String,
        query: [String: String] = [:],
        queryItems: [(name: String, value: String)]? = nil,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.queryItems = queryItems ?? query.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        self.headers = headers
        self.body = body
    }
}
