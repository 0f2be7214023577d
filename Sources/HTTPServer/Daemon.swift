import CMicroHTTPD

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running libmicrohttpd daemon and everything it points at, released together by `stop()`.
struct Daemon {
    let port: Int
    private let pointer: OpaquePointer
    private let core: Unmanaged<ServerCore>
    private let tlsStrings: [UnsafeMutablePointer<CChar>]
    private let sweeper: Task<Void, Never>?

    private typealias UnescapeCallback =
        @convention(c) (
            UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?
        ) -> Int

    static func start(_ configuration: HTTPServerConfiguration, core: ServerCore) throws(HTTPServerError) -> Daemon {
        try validate(configuration)
        if configuration.tls != nil, MHD_is_feature_supported(.FEATURE_TLS) != .YES {
            throw HTTPServerError(.tlsUnsupported, "libmicrohttpd was built without TLS")
        }
        let socket = try ListeningSocket.open(host: configuration.host, port: configuration.port)

        // libmicrohttpd owns the descriptor it is given: it closes it in MHD_stop_daemon and on most
        // failed starts. It gets a duplicate, and this copy is closed here in every case, so no
        // descriptor number is ever closed twice.
        let handedOver = fcntl(socket.descriptor, F_DUPFD_CLOEXEC, 0)
        close(socket.descriptor)
        guard handedOver >= 0 else {
            throw HTTPServerError(.socketFailed, "could not duplicate the listening socket")
        }

        let tlsStrings = configuration.tls.map { [strdup($0.privateKeyPEM), strdup($0.certificatePEM)] } ?? []
        let retained = Unmanaged.passRetained(core)
        let options = optionList(
            configuration,
            descriptor: handedOver,
            core: retained.toOpaque(),
            tlsStrings: tlsStrings
        )
        let daemon = withVaList(options) { arguments in
            MHD_start_daemon_va(
                flags(configuration, socket: socket),
                0,
                nil,
                nil,
                handleAccess,
                retained.toOpaque(),
                arguments
            )
        }
        guard let daemon, tlsStrings.allSatisfy({ $0 != nil }) else {
            if let daemon { MHD_stop_daemon(daemon) }
            retained.release()
            wipeAndFree(tlsStrings)
            throw startError(configuration, message: core.latestLibraryMessage)
        }
        return Daemon(
            port: socket.port,
            pointer: daemon,
            core: retained,
            tlsStrings: tlsStrings.compactMap { $0 },
            sweeper: configuration.handlerTimeout.map { startSweeper(core: core, timeout: $0) }
        )
    }

    /// Stops in steps so that requests in flight are answered: stop accepting and release the
    /// port, let running handlers finish within the grace period, answer the rest 503, give
    /// those answers a moment to be written, then stop the daemon (closing every connection).
    func stop(gracePeriod: Duration) {
        let server = core.takeUnretainedValue()
        // After quiescing, libmicrohttpd no longer owns the listening socket.
        let listening = MHD_quiesce_daemon(pointer)
        if listening >= 0 { close(listening) }

        server.refuseNewRequests()
        Self.waitUntilNoOpenRequests(server, for: gracePeriod)
        sweeper?.cancel()
        server.resumeAllForShutdown()
        Self.waitUntilNoOpenRequests(server, for: .milliseconds(500))

        MHD_stop_daemon(pointer)
        core.release()
        Self.wipeAndFree(tlsStrings)
    }

    private static func waitUntilNoOpenRequests(_ server: ServerCore, for period: Duration) {
        let deadline = ContinuousClock.now + period
        while server.openRequestCount > 0, ContinuousClock.now < deadline {
            usleep(2_000)
        }
    }

    /// Checks for overdue handlers every tenth of the timeout (10 ms to 1 s), so a timeout
    /// fires at most 10 % late.
    private static func startSweeper(core: ServerCore, timeout: Duration) -> Task<Void, Never> {
        let interval = min(max(timeout / 10, .milliseconds(10)), .seconds(1))
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                core.expireOverdueHandlers(now: ContinuousClock.now)
            }
        }
    }

    private static func validate(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
        guard (1...64).contains(configuration.threadCount) else {
            throw HTTPServerError(.invalidConfiguration, "threadCount must be within 1...64")
        }
        guard configuration.connectionTimeout >= .seconds(1) else {
            throw HTTPServerError(.invalidConfiguration, "connectionTimeout must be at least 1 s")
        }
        if let timeout = configuration.handlerTimeout, timeout <= .zero {
            throw HTTPServerError(.invalidConfiguration, "handlerTimeout must be positive")
        }
        guard configuration.shutdownGracePeriod >= .zero else {
            throw HTTPServerError(.invalidConfiguration, "shutdownGracePeriod must not be negative")
        }
        if let limit = configuration.connectionLimit, limit < 1 || limit > Int(UInt32.max) {
            throw HTTPServerError(.invalidConfiguration, "connectionLimit must be positive")
        }
    }

    private static func flags(_ configuration: HTTPServerConfiguration, socket: ListeningSocket) -> UInt32 {
        var flags =
            MHD_USE_AUTO_INTERNAL_THREAD.rawValue | MHD_USE_ERROR_LOG.rawValue
            | MHD_ALLOW_SUSPEND_RESUME.rawValue
        if configuration.tls != nil { flags |= MHD_USE_TLS.rawValue }
        if socket.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        return flags
    }

    /// GnuTLS priorities: its default set, minus every protocol version older than TLS 1.2
    /// (RFC 8996 deprecates TLS 1.0 and 1.1). A static string, so it outlives the daemon.
    static let tlsPriorities: StaticString = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

    /// The variadic option list: each option code, then its arguments in the C types
    /// microhttpd.h documents (`unsigned int`, `MHD_socket`, pointers), ended by `MHD_OPTION_END`.
    private static func optionList(
        _ configuration: HTTPServerConfiguration,
        descriptor: Int32,
        core: UnsafeMutableRawPointer,
        tlsStrings: [UnsafeMutablePointer<CChar>?]
    ) -> [any CVarArg] {
        // Function and object pointers travel through the C varargs as plain pointers.
        let logger = unsafeBitCast(logLibraryMessage as MHD_LogCallback, to: OpaquePointer.self)
        let completed = unsafeBitCast(requestCompleted as MHD_RequestCompletedCallback, to: OpaquePointer.self)
        let unescape = unsafeBitCast(passThroughUnescape as UnescapeCallback, to: OpaquePointer.self)
        let core = OpaquePointer(core)
        let timeoutSeconds = max(1, configuration.connectionTimeout.components.seconds)

        // The logger goes first so that messages from start-up reach it too.
        var options: [any CVarArg] = [
            MHD_OPTION.EXTERNAL_LOGGER.rawValue, logger, core,
            MHD_OPTION.NOTIFY_COMPLETED.rawValue, completed, core,
            MHD_OPTION.UNESCAPE_CALLBACK.rawValue, unescape, core,
            MHD_OPTION.LISTEN_SOCKET.rawValue, descriptor,
            MHD_OPTION.CONNECTION_TIMEOUT.rawValue, UInt32(clamping: timeoutSeconds),
        ]
        if configuration.threadCount > 1 {
            options += [MHD_OPTION.THREAD_POOL_SIZE.rawValue, UInt32(configuration.threadCount)]
        }
        if let limit = configuration.connectionLimit {
            options += [MHD_OPTION.CONNECTION_LIMIT.rawValue, UInt32(limit)]
        }
        if tlsStrings.count == 2, let key = tlsStrings[0], let certificate = tlsStrings[1] {
            options += [MHD_OPTION.HTTPS_MEM_KEY.rawValue, key, MHD_OPTION.HTTPS_MEM_CERT.rawValue, certificate]
            options += [MHD_OPTION.HTTPS_PRIORITIES.rawValue, OpaquePointer(tlsPriorities.utf8Start)]
        }
        options.append(MHD_OPTION.END.rawValue)
        return options
    }

    private static func startError(_ configuration: HTTPServerConfiguration, message: String?) -> HTTPServerError {
        let detail = message ?? "libmicrohttpd did not start"
        return HTTPServerError(configuration.tls == nil ? .startFailed : .tlsInvalid, detail)
    }

    /// Overwrites the key text before freeing it, so no copy of the private key outlives the server.
    private static func wipeAndFree(_ strings: [UnsafeMutablePointer<CChar>?]) {
        for case let string? in strings {
            memset(string, 0, strlen(string))
            free(string)
        }
    }
}
