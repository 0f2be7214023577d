import Synchronization

/// Resumes a continuation exactly once, whichever of several racing tasks comes first.
final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// Returns true when this call was the one that resumed.
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
