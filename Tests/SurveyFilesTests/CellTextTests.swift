import Foundation
import Testing

@testable import SurveyFiles

/// Decoded numbers written as text from the stack (`select`, exports): each exactly as Swift's own
/// `description` writes it (the oracle: the standard library's shortest round-trip formatting),
/// whichever path writes it.
@Suite struct CellTextTests {
    static func text(_ value: Double) -> String {
        var cell = TableCell.real(value)
        var none: UInt8 = 0
        return withUnsafePointer(to: &none) { base in
            withUnsafePointer(to: &cell) { cells in
                RowCells(base: base, cells: cells, count: 1, lineNumber: 2, byteOffset: 0)
                    .withText(0) { String(decoding: $0, as: UTF8.self) }
            }
        }
    }

    /// What `description` writes, with a whole number without its `.0` (as the CSV has always written them).
    static func expected(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }

    @Test func decimalsAreWrittenAsDescriptionWritesThem() {
        var values: [Double] = [
            0.1, 0.5, 12.5, -12.5, 1.187944, 0.0001, -0.0001, 0.00015, 0.00009999, 999_999.999999, 999_999.9999999,
            1_000_000.5, 0.30000000000000004, 1.0 / 3, 2.675, 1e-5, 5e-5, 123_456.7, 0.000123, 98.6, -0.25,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Values with one to six decimals at magnitudes from 1e-4 to 1e6, and arbitrary doubles.
            let decimals = Int.random(in: 1...6, using: &generator)
            let scale = pow(10.0, Double(decimals))
            let whole = Double(Int64.random(in: -999_999_999_999...999_999_999_999, using: &generator))
            values.append(whole / scale)
            values.append(Double.random(in: -2e6...2e6, using: &generator))
            values.append(Double.random(in: 0...0.01, using: &generator))
        }
        var wrong: [String] = []
        for v in values where Self.text(v) != Self.expected(v) {
            wrong.append("\(Self.expected(v)) written \(Self.text(v))")
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    @Test func wholeNumbersHaveNoPoint() {
        #expect(Self.text(3) == "3")
        #expect(Self.text(-1_234_567) == "-1234567")
        #expect(Self.text(1e15) == (1e15).description)  // beyond the whole numbers written without a point
        let sink = MemorySinkForTests()
        let writer = CSVWriter(sink: sink)
        for v in [0, 7, -7, 1_234_567_890, Int.min, Int.max] { writer.integer(v) }
        try? writer.endRow()
        try? writer.flush()
        #expect(
            String(decoding: sink.bytes, as: UTF8.self)
                == "0,7,-7,1234567890,\(Int.min),\(Int.max)\n")
    }
}
