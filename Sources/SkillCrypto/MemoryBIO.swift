import COpenSSL

/// Reads everything written into an OpenSSL memory BIO.
enum MemoryBIO {
    static func contents(of bio: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            output.append(contentsOf: chunk.prefix(Int(count)))
        }
        // An empty memory BIO reports "retry" rather than end of data; drop that queue entry.
        drainOpenSSLErrors()
        guard !output.isEmpty else { throw CryptoError(.internalFailure, "nothing written") }
        return output
    }
}
