import COpenSSL
import Foundation

/// One X.509 certificate owned by this object (an OpenSSL `X509`, freed on deinit).
///
/// A parsed certificate is never modified afterwards, so it may be read from several threads.
public final class X509Certificate: @unchecked Sendable {
    let x509: OpaquePointer

    /// Takes ownership of `x509`.
    init(taking x509: OpaquePointer) {
        self.x509 = x509
    }

    deinit {
        X509_free(x509)
    }

    /// Reads one certificate from its DER encoding; trailing bytes are refused.
    public convenience init(der: [UInt8]) throws(CryptoError) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard cursor == base + buffer.count else {
                X509_free(certificate)
                return nil
            }
            return certificate
        }
        guard let parsed else { throw CryptoError.openSSL(.invalidCertificate, "DER certificate") }
        self.init(taking: parsed)
    }

    /// Reads every `CERTIFICATE` block of a PEM text, in order (for a chain: leaf first).
    ///
    /// Fails when there is no certificate at all or when a block cannot be decoded; text
    /// between blocks is ignored, as PEM (RFC 7468 section 2) allows.
    public static func chain(pem: [UInt8]) throws(CryptoError) -> [X509Certificate] {
        guard !pem.isEmpty, pem.count <= Int(Int32.max) else {
            throw CryptoError(.invalidCertificate, "empty or oversized PEM")
        }
        guard let bio = BIO_new_mem_buf(pem, Int32(pem.count)) else {
            throw CryptoError.openSSL(.internalFailure, "memory BIO")
        }
        defer { BIO_free(bio) }

        // Start from an empty error queue so that only this parse decides the outcome below.
        drainOpenSSLErrors()
        var certificates: [X509Certificate] = []
        while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
            certificates.append(X509Certificate(taking: certificate))
        }

        // Reading stops with "no start line" at the end of the text; anything else is a broken block.
        let last = ERR_peek_last_error()
        let endOfText = ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE
        if last != 0, !endOfText {
            throw CryptoError.openSSL(.invalidCertificate, "PEM certificate block")
        }
        drainOpenSSLErrors()
        guard !certificates.isEmpty else { throw CryptoError(.invalidCertificate, "no certificate in PEM") }
        return certificates
    }

    /// The DER encoding.
    public var derBytes: [UInt8] {
        let length = i2d_X509(x509, nil)
        guard length > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(x509, &cursor)
        }
        return written == length ? bytes : []
    }

    /// The start of the validity period (RFC 5280 section 4.1.2.5).
    public var notBefore: Date? {
        Self.date(X509_get0_notBefore(x509))
    }

    /// The end of the validity period, inclusive (RFC 5280 section 4.1.2.5).
    public var notAfter: Date? {
        Self.date(X509_get0_notAfter(x509))
    }

    /// Whether `date` lies within notBefore…notAfter (both inclusive); false when a date is unreadable.
    public func isValid(at date: Date) -> Bool {
        guard let notBefore, let notAfter else { return false }
        return notBefore <= date && date <= notAfter
    }

    /// The subject as a one-line distinguished name, for log lines and diagnostics only.
    public var subjectDescription: String {
        guard let name = X509_get_subject_name(x509),
            let text = X509_NAME_oneline(name, nil, 0)
        else { return "" }
        defer { CRYPTO_free(text, #fileID, #line) }
        return String(cString: text)
    }

    /// The DNS names of the subject alternative name extension (RFC 5280 section 4.2.1.6),
    /// exactly as encoded. The subject's common name is deliberately not part of this list.
    public var subjectAlternativeDNSNames: [String] {
        guard let extensionValue = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else {
            drainOpenSSLErrors()
            return []
        }
        let names = OpaquePointer(extensionValue)
        defer { GENERAL_NAMES_free(names) }

        var result: [String] = []
        for index in 0..<OPENSSL_sk_num(names) {
            guard let raw = OPENSSL_sk_value(names, index) else { continue }
            let name = raw.assumingMemoryBound(to: GENERAL_NAME.self)
            guard name.pointee.type == GEN_DNS, let value = name.pointee.d.dNSName,
                let data = ASN1_STRING_get0_data(value)
            else { continue }
            let bytes = UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(value)))
            result.append(String(decoding: bytes, as: UTF8.self))
        }
        return result
    }

    /// Whether the subject alternative names hold a DNS name equal to `host`, compared without
    /// regard to ASCII case (DNS names are case-insensitive, RFC 4343) and never as a substring
    /// or wildcard. An encoded name holding a NUL byte never matches.
    public func hasSubjectAlternativeDNSName(_ host: String) -> Bool {
        let wanted = Array(host.utf8).map(Self.asciiLowercased)
        return subjectAlternativeDNSNames.contains { Array($0.utf8).map(Self.asciiLowercased) == wanted }
    }

    /// The certificate's public key, which must be RSA.
    public func rsaPublicKey() throws(CryptoError) -> RSAPublicKey {
        guard let key = X509_get_pubkey(x509) else { throw CryptoError.openSSL(.invalidKey, "certificate key") }
        return try RSAPublicKey(taking: key)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            drainOpenSSLErrors()
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
