import Dispatch
import Foundation

/// Waits until the process receives SIGINT or SIGTERM, so `serve` and `dev-issuer` can stop
/// their servers cleanly instead of being killed mid-request.
enum ShutdownSignal {
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let gate = SignalGate(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { gate.open() }
                source.resume()
                gate.retain(source)
            }
        }
    }
}

/// Resumes the waiting task once, on the first signal, and keeps the signal sources alive.
private final class SignalGate: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) {
        self.continuation = continuation
    }

    func retain(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }

    func open() {
        let pending = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        pending?.resume()
    }
}
