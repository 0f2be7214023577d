import CMicroHTTPD

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// libmicrohttpd calls these from its own threads. They are free functions, not closures, so
// they carry no actor isolation, and reach Swift objects only through the `cls` and
// per-request pointers.

/// The access handler, called on headers, on each piece of body and once the request is complete.
func handleAccess(
    _ cls: UnsafeMutableRawPointer?,
    _ connection: OpaquePointer?,
    _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?,
    _ version: UnsafePointer<CChar>?,
    _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?,
    _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let requestContext else { return .NO }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()

    guard let stored = requestContext.pointee else {
        let state = begin(core: core, url: url, method: method)
        core.requestOpened()
        requestContext.pointee = Unmanaged.passRetained(state).toOpaque()
        return admitDeclaredLength(core: core, state: state, connection: connection)
    }
    let state = Unmanaged<RequestState>.fromOpaque(stored).takeUnretainedValue()

    if uploadDataSize.pointee > 0 {
        let count = uploadDataSize.pointee
        uploadDataSize.pointee = 0
        return receive(uploadData, count: count, state: state)
    }

    if let exchange = state.exchange {
        let response =
            exchange.response.withLock { $0 }
            ?? HTTPResponse.jsonError(500, code: "internal_error", message: "no response was produced")
        return core.respond(response, state: state, connection: connection)
    }

    if state.isOversized {
        return core.respond(tooLarge(state), state: state, connection: connection)
    }

    let queryItems = ConnectionValues.queryItems(of: connection)
    var query: [String: String] = [:]
    for item in queryItems where query[item.name] == nil {
        query[item.name] = item.value
    }
    let request = HTTPRequest(
        method: state.method,
        path: state.path,
        query: query,
        queryItems: queryItems,
        headers: ConnectionValues.headers(of: connection),
        body: state.body
    )
    state.body = []
    return core.dispatch(request, state: state, connection: connection)
}

private func begin(
    core: ServerCore,
    url: UnsafePointer<CChar>?,
    method: UnsafePointer<CChar>?
) -> RequestState {
    let startedAt = ContinuousClock.now
    let methodName = method.map { String(cString: $0).uppercased() } ?? ""
    let rawPath = url.map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } ?? []
    let path = PercentDecoding.path(rawPath)
    let limit = core.bodyLimit.bytes(method: methodName, path: path)
    return RequestState(method: methodName, path: path, bodyLimit: limit, startedAt: startedAt)
}

/// Answers 413 before reading any body when `Content-Length` already announces too much;
/// libmicrohttpd then skips the body and closes the connection after the response. An
/// acceptable length sizes the body buffer once.
private func admitDeclaredLength(core: ServerCore, state: RequestState, connection: OpaquePointer) -> MHD_Result {
    guard let declared = ConnectionValues.contentLength(of: connection) else { return .YES }
    guard declared > UInt64(state.bodyLimit) else {
        state.body.reserveCapacity(Int(declared))
        return .YES
    }
    state.isOversized = true
    return core.respond(tooLarge(state), state: state, connection: connection)
}

/// Keeps body bytes up to the limit. Past it the body is dropped and later bytes only counted,
/// because libmicrohttpd accepts no response while body data is being delivered; the 413 goes
/// out once the request ends, or the connection is closed when the client sends far too much.
private func receive(_ data: UnsafePointer<CChar>?, count: Int, state: RequestState) -> MHD_Result {
    if state.isOversized {
        state.discardedBytes += count
        return state.discardedBytes > ServerCore.discardAllowance ? .NO : .YES
    }
    guard state.body.count + count <= state.bodyLimit else {
        state.isOversized = true
        state.discardedBytes = state.body.count + count
        state.body = []
        return .YES
    }
    if let data {
        state.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
    }
    return .YES
}

private func tooLarge(_ state: RequestState) -> HTTPResponse {
    HTTPResponse.jsonError(
        413,
        code: "body_too_large",
        message: "the request body exceeds \(state.bodyLimit) bytes"
    )
}

/// Releases the per-request state whatever way the request ended.
func requestCompleted(
    _ cls: UnsafeMutableRawPointer?,
    _ connection: OpaquePointer?,
    _ requestContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    _ termination: MHD_RequestTerminationCode
) {
    guard let cls, let requestContext, let stored = requestContext.pointee else { return }
    requestContext.pointee = nil
    let state = Unmanaged<RequestState>.fromOpaque(stored).takeRetainedValue()
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    core.requestClosed()
    guard termination != .REQUEST_TERMINATED_COMPLETED_OK else { return }
    core.logger.debug(
        "http.request.aborted",
        [
            "http.method": state.method,
            "http.path": state.path,
            "http.termination": String(termination.rawValue),
        ]
    )
}

/// libmicrohttpd's error log, formatted and handed to the server's logger.
func logLibraryMessage(_ cls: UnsafeMutableRawPointer?, _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?) {
    guard let cls, let format, let arguments else { return }
    var buffer = [CChar](repeating: 0, count: 512)
    let written = vsnprintf(&buffer, buffer.count, format, arguments)
    guard written >= 0 else { return }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let message = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: "\n")
    Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue().recordLibraryMessage(message)
}

/// Leaves the request target undecoded so the server decodes path and query itself: only query
/// components treat `+` as a space.
func passThroughUnescape(
    _ cls: UnsafeMutableRawPointer?,
    _ connection: OpaquePointer?,
    _ text: UnsafeMutablePointer<CChar>?
) -> Int {
    guard let text else { return 0 }
    return strlen(text)
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var view = self[...]
        while view.last == set { view = view.dropLast() }
        return String(view)
    }
}
