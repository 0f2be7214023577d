import Foundation
import SkillCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The development issuer's signing key, kept in a PEM file between runs so that tokens minted
/// earlier (and key sets cached by servers) stay valid after a restart.
public enum DevIssuerKey {
    /// Key files larger than this are not keys this tool wrote: refused before parsing.
    static let maximumFileBytes = 64 * 1024

    /// Reads the RSA private key at `path`, or, when nothing exists there, generates an RSA-2048
    /// key and writes it as PKCS#8 PEM with mode 0600 (owner read and write only).
    ///
    /// An existing file that is not an unencrypted RSA private key of at least 2048 bits is
    /// refused with `invalidKeyFile` and left untouched: it may be something the user needs.
    /// The parent directory must exist.
    public static func loadOrCreate(path: String) throws(DevIssuerError) -> RSAPrivateKey {
        if let existing = try read(path: path) { return existing }

        let key: RSAPrivateKey
        let pem: String
        do {
            key = try RSAPrivateKey.generate(bits: 2048)
            pem = try key.pemRepresentation
        } catch {
            throw DevIssuerError(.keyFileUnavailable, "could not generate a key: \(error.code.rawValue)")
        }
        switch createFile(pem, at: path) {
        case .written:
            return key
        case .alreadyExists:
            // Another process created the file between the check and the write: use its key.
            guard let raced = try read(path: path) else {
                throw DevIssuerError(.keyFileUnavailable, "\(path) appeared and vanished while being created")
            }
            return raced
        case .failed(let reason):
            throw DevIssuerError(.keyFileUnavailable, "cannot create \(path): \(reason)")
        }
    }

    /// The key in the file, nil when no file exists at `path`.
    static func read(path: String) throws(DevIssuerError) -> RSAPrivateKey? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw DevIssuerError(.keyFileUnavailable, "cannot inspect \(path): \(String(cString: strerror(errno)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DevIssuerError(.keyFileUnavailable, "cannot read \(path)")
        }
        guard data.count <= maximumFileBytes, let pem = String(data: data, encoding: .utf8) else {
            throw refusal(path, "not a PEM text file")
        }

        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey(pem: pem)
        } catch {
            throw refusal(path, "not an unencrypted RSA private key in PEM")
        }
        guard key.bits >= 2048 else { throw refusal(path, "the RSA key has \(key.bits) bits, fewer than 2048") }
        return key
    }

    private static func refusal(_ path: String, _ reason: String) -> DevIssuerError {
        DevIssuerError(.invalidKeyFile, "\(path): \(reason); it is left as it is: move it away or name another file")
    }

    enum WriteOutcome {
        case written
        case alreadyExists
        case failed(String)
    }

    /// Creates the file exclusively (`O_EXCL`: never follows or replaces what is there) with
    /// mode 0600 set before any byte of the key is written.
    static func createFile(_ text: String, at path: String) -> WriteOutcome {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return .alreadyExists }
            return .failed(String(cString: strerror(errno)))
        }

        // The umask can only remove bits from 0600; fchmod makes the mode exact either way.
        guard fchmod(descriptor, 0o600) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(path)
            return .failed(reason)
        }

        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress, buffer.count)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(path)
                return .failed(reason)
            }
            offset += written
        }
        let synced = fsync(descriptor) == 0
        guard close(descriptor) == 0, synced else {
            unlink(path)
            return .failed("could not flush the file")
        }
        return .written
    }
}
