import Foundation
import SkillSupport
import Testing

@Suite("Structured log lines")
struct LoggerTests {
    @Test("One line per event: level, logger, event and sorted metadata, quoted where needed")
    func formatting() {
        let sink = InMemoryLogSink()
        let clock = ManualWallClock(epochSeconds: 1_700_000_000)
        let logger = Logger(label: "test", minimumLevel: .debug, sink: sink, clock: clock, metadata: ["a.id": "7"])
        logger.info("thing.happened", ["z.key": "two words", "b.key": "x=y"])

        let line = sink.text
        let expected =
            #"ts=2023-11-14T22:13:20.000Z level=info logger=test event=thing.happened "#
            + #"a.id=7 b.key="x=y" z.key="two words""#
        #expect(line == expected)
        #expect(!line.contains("\n"))
    }

    @Test("Newlines in values cannot forge a second line")
    func newlinesEscaped() {
        let sink = InMemoryLogSink()
        Logger(label: "test", sink: sink).warning("event", ["value": "a\nlevel=error event=forged"])
        #expect(sink.records.count == 1)
        #expect(!sink.text.contains("\n"))
    }

    @Test(
        "Control characters, terminal escapes and Unicode line breaks are written as escapes",
        arguments: ["\u{1B}[31mRED", "a\u{0}b", "tab\there", "next\u{85}line", "sep\u{2028}arator", "del\u{7F}"]
    )
    func controlCharactersEscaped(_ value: String) {
        let sink = InMemoryLogSink()
        Logger(label: "test", sink: sink).info("event", ["http.path": value])
        let line = sink.text
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        #expect(!line.contains("\u{2028}"))
        #expect(line.contains(#"http.path=""#))
    }

    @Test("Levels below the minimum are dropped")
    func threshold() {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .warning, sink: sink)
        logger.debug("quiet")
        logger.info("quiet")
        logger.warning("loud")
        #expect(sink.records.map(\.event) == ["loud"])
    }
}
