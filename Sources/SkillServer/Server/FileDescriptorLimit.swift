#if canImport(Glibc)
import Glibc
#endif

/// The process's open-file limit, which caps how many connections a server can hold: every
/// connection is a descriptor, and the usual soft limit of 1024 is far below what the hard
/// limit allows.
enum FileDescriptorLimit {
    /// Raises the soft limit towards `wanted` (never above the hard limit, never lowering it)
    /// and returns the soft limit in force afterwards.
    @discardableResult
    static func raise(to wanted: Int) -> Int {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return 1024 }
        let target = min(rlim_t(wanted), limits.rlim_max)
        if target > limits.rlim_cur {
            var raised = limits
            raised.rlim_cur = target
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 {
                limits = raised
            }
        }
        return Int(clamping: limits.rlim_cur)
    }
}
