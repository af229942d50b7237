import CCrypto

/// The one owner of an OpenSSL SHA-256 digest context (`EVP_MD_CTX`): made and started in `init`
/// (`nil` when libcrypto cannot), freed exactly once in `deinit`.
struct OpenSSLDigest: ~Copyable {
    private let context: OpaquePointer

    init?() {
        guard let context = EVP_MD_CTX_new() else { return nil }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            return nil
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes`; `false` when libcrypto fails.
    mutating func update(_ bytes: UnsafeRawBufferPointer) -> Bool {
        EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1
    }

    /// The digest in lower-case hex, or `nil` when libcrypto fails.
    mutating func finalizeHex() -> String? {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else { return nil }
        let digits = Array("0123456789abcdef")
        return String(digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }
}
