import CMicroHTTPD

/// Reads header fields and query arguments out of a libmicrohttpd connection.
enum ConnectionValues {
    /// Header fields in arrival order; a field sent twice appears twice.
    static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        let fields = rawFields(of: connection, kind: .HEADER_KIND).map { field in
            (
                name: String(decoding: field.name, as: UTF8.self),
                value: String(decoding: field.value ?? [], as: UTF8.self)
            )
        }
        return HTTPHeaders(fields)
    }

    /// Query arguments in arrival order. libmicrohttpd has already turned `+` into a space; the
    /// `%HH` escapes are left to `PercentDecoding` by the server's pass-through unescaper, so a
    /// `%2B` becomes `+` exactly once.
    static func queryItems(of connection: OpaquePointer) -> [(name: String, value: String)] {
        rawFields(of: connection, kind: .GET_ARGUMENT_KIND).map { field in
            (name: PercentDecoding.queryComponent(field.name), value: PercentDecoding.queryComponent(field.value ?? []))
        }
    }

    /// The declared body length, nil when absent or not a plain decimal number.
    static func contentLength(of connection: OpaquePointer) -> UInt64? {
        guard let value = MHD_lookup_connection_value(connection, .HEADER_KIND, "Content-Length") else {
            return nil
        }
        return UInt64(String(cString: value).trimmingSpaces)
    }

    private typealias RawField = (name: [UInt8], value: [UInt8]?)

    private static func rawFields(of connection: OpaquePointer, kind: MHD_ValueKind) -> [RawField] {
        var fields: [RawField] = []
        withUnsafeMutablePointer(to: &fields) { pointer in
            _ = MHD_get_connection_values_n(connection, kind, collectField, UnsafeMutableRawPointer(pointer))
        }
        return fields
    }
}

/// libmicrohttpd's iterator: appends one field to the `[RawField]` that `cls` points at.
private func collectField(
    _ cls: UnsafeMutableRawPointer?,
    _ kind: MHD_ValueKind,
    _ key: UnsafePointer<CChar>?,
    _ keySize: Int,
    _ value: UnsafePointer<CChar>?,
    _ valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let fields = cls.assumingMemoryBound(to: [(name: [UInt8], value: [UInt8]?)].self)
    let name = Array(UnsafeRawBufferPointer(start: key, count: keySize))
    let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: valueSize)) }
    fields.pointee.append((name: name, value: bytes))
    return .YES
}

private extension String {
    var trimmingSpaces: Substring {
        var view = self[...]
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return view
    }
}
