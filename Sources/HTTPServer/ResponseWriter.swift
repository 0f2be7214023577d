import CMicroHTTPD
import SkillSupport

/// Turns an `HTTPResponse` into a libmicrohttpd response and queues it.
enum ResponseWriter {
    /// Headers libmicrohttpd writes itself from the body it is given.
    private static let managedHeaders: Set<String> = ["content-length", "transfer-encoding"]

    /// Queues the response; returns the status actually sent, or nil when libmicrohttpd refused
    /// (the connection is then closed).
    static func queue(_ response: HTTPResponse, on connection: OpaquePointer, logger: Logger) -> Int? {
        let status = (200...599).contains(response.status) ? response.status : 500
        let created = response.body.withUnsafeBytes { buffer in
            let bytes = UnsafeMutableRawPointer(mutating: buffer.baseAddress)
            return MHD_create_response_from_buffer(buffer.count, bytes, .RESPMEM_MUST_COPY)
        }
        guard let created else { return nil }
        defer { MHD_destroy_response(created) }

        for field in response.headers where !managedHeaders.contains(field.name.lowercased()) {
            // libmicrohttpd refuses names and values with CR, LF or other framing characters.
            if MHD_add_response_header(created, field.name, field.value) != .YES {
                logger.debug("http.response.header_refused", ["http.header": field.name])
            }
        }
        guard MHD_queue_response(connection, UInt32(status), created) == .YES else { return nil }
        return status
    }
}
