/// Decides the largest request body, in bytes, that a request may carry, from its method and
/// path. Checked against `Content-Length` before any body byte is read and again while the
/// body arrives, so chunked uploads are held to the same limit. Over the limit the handler is
/// never called and the answer is 413 with `{"error":"body_too_large",…}`. A chunked body that
/// crosses the limit is read on and dropped (libmicrohttpd accepts no response mid-upload) and
/// answered when it ends; one that goes on for more than 1 MiB past the limit is cut off.
public struct BodyLimit: Sendable {
    /// The default limit for paths without a rule: 256 KiB.
    public static let defaultBytes = 256 * 1024

    private let decide: @Sendable (_ method: String, _ path: String) -> Int

    /// One limit for every path.
    public init(bytes: Int = BodyLimit.defaultBytes) {
        decide = { _, _ in bytes }
    }

    /// Limits by exact path, `defaultBytes` for every other path; the method is not consulted.
    public init(defaultBytes: Int = BodyLimit.defaultBytes, paths: [String: Int]) {
        decide = { _, path in paths[path] ?? defaultBytes }
    }

    /// Any rule: the closure gets the upper-case method and the decoded path. It runs on
    /// libmicrohttpd's thread for every request, so it must be quick and must not block.
    public init(_ decide: @escaping @Sendable (_ method: String, _ path: String) -> Int) {
        self.decide = decide
    }

    /// The limit for one request; negative answers count as 0.
    public func bytes(method: String, path: String) -> Int {
        max(0, decide(method, path))
    }
}
