import Foundation
import SkillCrypto
import Synchronization

/// Remembers the certificate path that OpenSSL last verified for one chain, and its validity
/// window, so later uses of the chain skip the path building while the answer cannot differ:
/// same certificates, same trust store, and a time at which every certificate on that path is
/// still valid. Outside the window (or with another trust store) the full verification runs again.
final class VerifiedPathMemo: Sendable {
    private let remembered = Mutex<(trustStore: TrustStore, path: VerifiedCertificatePath)?>(nil)

    /// Whether a verification against `trustStore` already proved the chain at `time`.
    func covers(_ time: Date, trustStore: TrustStore) -> Bool {
        remembered.withLock { entry in
            guard let entry, entry.trustStore === trustStore else { return false }
            return entry.path.covers(time)
        }
    }

    func remember(_ path: VerifiedCertificatePath, trustStore: TrustStore) {
        remembered.withLock { $0 = (trustStore, path) }
    }
}
