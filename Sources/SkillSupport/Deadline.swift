import Synchronization

/// Runs `operation` in its own task and returns its result, or `onTimeout` once `seconds`
/// pass, whichever comes first. The late operation is cancelled and its result dropped, so a
/// source or client that ignores its own timeout cannot hold a caller longer.
public func withDeadline<Value: Sendable>(
    seconds: Double,
    onTimeout: Value,
    _ operation: @escaping @Sendable () async -> Value
) async -> Value {
    await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
        let once = FirstResult(continuation)
        let work = Task {
            await operation()
        }
        let timer = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1_000_000_000))
            if once.resume(onTimeout) { work.cancel() }
        }
        Task {
            let value = await work.value
            if once.resume(value) { timer.cancel() }
        }
    }
}

/// Resumes a continuation with the first value offered.
private final class FirstResult<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// Returns true when this call resumed the continuation.
    @discardableResult
    func resume(_ value: Value) -> Bool {
        let pending = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        pending?.resume(returning: value)
        return pending != nil
    }
}
