// swift-tools-version:6.0
import PackageDescription

/// Layout, by direction of dependency:
/// - `COpenSSL`, `CMicroHTTPD`: system libraries, imported only by `SkillCrypto` and `HTTPServer`.
/// - `SkillSupport`: logging, clocks and outbound HTTP shared by every module.
/// - `AccessToken`, `AlexaVerification`, `TokenExchange`, `AlexaSkill`: skill-independent policy.
/// - `WhatShouldIWear`: the one skill shipped here.
/// - `SkillServer`: wiring and commands; `skill-server` is its thin executable.
let package = Package(
    name: "alexa-skill-server",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "skill-server", targets: ["skill-server"]),
        .executable(name: "skill-benchmarks", targets: ["skill-benchmarks"]),
        .library(name: "AlexaSkill", targets: ["AlexaSkill"]),
        .library(name: "AccessToken", targets: ["AccessToken"]),
        .library(name: "AlexaVerification", targets: ["AlexaVerification"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CMicroHTTPD",
            pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]
        ),
        .target(name: "SkillSupport"),
        .target(name: "SkillCrypto", dependencies: ["COpenSSL", "SkillSupport"]),
        .target(name: "HTTPServer", dependencies: ["CMicroHTTPD", "SkillSupport"]),
        .target(name: "AccessToken", dependencies: ["SkillCrypto", "SkillSupport"]),
        .target(name: "AlexaSkill", dependencies: ["SkillSupport"]),
        .target(name: "AlexaVerification", dependencies: ["SkillCrypto", "SkillSupport"]),
        .target(name: "TokenExchange", dependencies: ["HTTPServer", "SkillSupport"]),
        .target(name: "WhatShouldIWear", dependencies: ["AlexaSkill", "SkillSupport"]),
        .target(
            name: "DevIssuer",
            dependencies: ["AccessToken", "SkillCrypto", "HTTPServer", "SkillSupport", "TokenExchange"]
        ),
        .target(
            name: "SkillServer",
            dependencies: [
                "AccessToken", "AlexaSkill", "AlexaVerification", "DevIssuer", "HTTPServer",
                "SkillCrypto", "SkillSupport", "TokenExchange", "WhatShouldIWear",
            ]
        ),
        .executableTarget(name: "skill-server", dependencies: ["SkillServer"]),
        .executableTarget(
            name: "skill-benchmarks",
            dependencies: ["AccessToken", "AlexaVerification", "SkillCrypto", "SkillSupport"]
        ),
        .testTarget(name: "SkillSupportTests", dependencies: ["SkillSupport"]),
        .testTarget(name: "SkillCryptoTests", dependencies: ["SkillCrypto"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "SkillSupport"]),
        .testTarget(name: "AccessTokenTests", dependencies: ["AccessToken", "SkillCrypto", "SkillSupport"]),
        .testTarget(name: "AlexaSkillTests", dependencies: ["AlexaSkill", "SkillSupport"]),
        .testTarget(
            name: "AlexaVerificationTests",
            dependencies: ["AlexaVerification", "SkillCrypto", "SkillSupport"]
        ),
        .testTarget(
            name: "TokenExchangeTests",
            dependencies: ["TokenExchange", "HTTPServer", "SkillSupport"]
        ),
        .testTarget(name: "WhatShouldIWearTests", dependencies: ["WhatShouldIWear", "AlexaSkill", "SkillSupport"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["SkillServer", "AccessToken", "DevIssuer", "HTTPServer", "SkillCrypto", "SkillSupport"]
        ),
    ]
)
