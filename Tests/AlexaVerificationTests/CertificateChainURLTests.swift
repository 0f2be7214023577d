import Foundation
import Testing

@testable import AlexaVerification

struct CertificateChainURLTests {
    /// One row of the URL table: the header value and the normalised URL, or nil when invalid.
    struct Case: Sendable, CustomTestStringConvertible {
        var url: String
        var normalised: String?
        var testDescription: String { url }
    }

    /// The published cases, read from `alexa/cert-url-cases.json`.
    static let publishedCases: [Case] = {
        guard Vectors.available,
            let root = try? Vectors.json("alexa/cert-url-cases.json") as? [String: Any],
            let cases = root["cases"] as? [[String: Any]]
        else { return [] }
        return cases.compactMap { entry in
            guard let url = entry["url"] as? String, let valid = entry["valid"] as? Bool else { return nil }
            return Case(url: url, normalised: valid ? "valid" : nil)
        }
    }()

    @Test(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
    func publishedTableIsComplete() {
        #expect(Self.publishedCases.count == 10)
        #expect(Self.publishedCases.filter { $0.normalised != nil }.count == 5)
    }

    @Test(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)), arguments: publishedCases)
    func publishedCase(_ row: Case) {
        let parsed = try? CertificateChainURL(row.url)
        #expect((parsed != nil) == (row.normalised != nil))
        if let parsed {
            #expect(parsed.url.absoluteString == "https://s3.amazonaws.com/echo.api/echo-api-cert.pem")
        }
    }

    static let validCases: [Case] = [
        Case(
            url: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
        ),
        Case(
            url: "HtTpS://S3.AmazonAWS.com:443/echo.api/echo-api-cert.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
        ),
        Case(
            url: "https://s3.amazonaws.com/echo.api/../echo.api/./echo-api-cert.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
        ),
        Case(
            url: "https://s3.amazonaws.com/echo.api/%2e%2e/echo.api/echo-api-cert.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
        ),
        Case(
            url: "https://s3.amazonaws.com/%65cho%2Eapi/echo-api-cert%2Dx.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert-x.pem"
        ),
        Case(
            url: "https://s3.amazonaws.com/echo.api/a/b/../../echo-api-cert.pem",
            normalised: "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"
        ),
        Case(
            url: "https://s3.amazonaws.com/echo.api/cert%20name%2f.pem",
            normalised: "https://s3.amazonaws.com/echo.api/cert%20name%2F.pem"
        ),
    ]

    @Test(arguments: validCases)
    func validURLIsNormalised(_ row: Case) throws {
        let parsed = try CertificateChainURL(row.url)
        #expect(parsed.url.absoluteString == row.normalised)
        #expect(parsed.description == row.normalised)
    }

    static let invalidCases: [Case] = [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "//s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https:///echo.api/echo-api-cert.pem",
        "",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://evils3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3-external-1.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com./echo.api/echo-api-cert.pem",
        "https://s3%2Eamazonaws.com/echo.api/echo-api-cert.pem",
        "https://evil.example/s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com@evil.example/echo.api/echo-api-cert.pem",
        "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://user:secret@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://evil.example#@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:8443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../../echo.api.evil/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/%2e%2e/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/%2E%2E/%2E%2E/other/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/.%2e/x/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api%2F..%2Fother/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api%2fecho-api-cert.pem",
        "https://s3.amazonaws.com/echo.apiX/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api",
        "https://s3.amazonaws.com/echo.api/",
        "https://s3.amazonaws.com/echo.api/%zz.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem%",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem#fragment",
        "https://s3.amazonaws.com/echo.api/echo api.pem",
        "https://s3.amazonaws.com/echo.api/" + String(repeating: "a", count: 3000) + ".pem",
    ].map { Case(url: $0, normalised: nil) }

    @Test(arguments: invalidCases)
    func invalidURLIsRejected(_ row: Case) {
        #expect(throws: RequestVerificationError.self) { try CertificateChainURL(row.url) }
        do {
            _ = try CertificateChainURL(row.url)
        } catch {
            #expect(error.code == .certURLInvalid)
        }
    }

    @Test func fileNameIsTheLastSegmentOfTheNormalisedPath() throws {
        let parsed = try CertificateChainURL("https://s3.amazonaws.com/echo.api/x/../echo-api-cert-7.pem")
        #expect(parsed.fileName == "echo-api-cert-7.pem")
        #expect(parsed.path == "/echo.api/echo-api-cert-7.pem")
    }

    /// RFC 3986 section 5.2.4's own examples plus the reference-resolution ones of section 5.4.
    @Test(arguments: [
        ("/a/b/c/./../../g", "/a/g"),
        ("mid/content=5/../6", "mid/6"),
        ("/a/b/c/../../../../g", "/g"),
        ("/a/./b/.", "/a/b/"),
        ("/a/b/..", "/a/"),
        ("/.", "/"),
        ("/a/b/c/g.", "/a/b/c/g."),
        ("/a/b/c/..g", "/a/b/c/..g"),
    ])
    func dotSegmentRemoval(input: String, output: String) {
        #expect(CertificateChainURL.removingDotSegments(input) == output)
    }
}
