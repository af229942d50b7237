import Testing

@testable import SurveyFiles

@Suite("Decoding numbers from bytes")
struct CellDecodingTests {
    func int(_ s: String) -> Int? {
        Array(s.utf8).withUnsafeBufferPointer {
            CellDecoding.int($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
        }
    }
    func double(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer {
            CellDecoding.double($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count)
        }
    }

    @Test func integers() {
        #expect(int("0") == 0)
        #expect(int("-8") == -8)
        #expect(int("+12") == 12)
        #expect(int(" 68001367 ") == 68_001_367)
        #expect(int("3.0") == 3)
        #expect(int("3.5") == nil)
        #expect(int("") == nil)
        #expect(int("-") == nil)
        #expect(int(".") == nil)
        #expect(int("1e3") == nil)
        #expect(int("abc") == nil)
        #expect(int("99999999999999999999") == nil)
        #expect(int("9223372036854775807") == Int.max)
    }

    @Test(
        "decimals agree with the standard library's parser",
        arguments: [
            "0", "-0.5", "1.25", "0.8734521", "12345.678901234", "1e3", "-2.5E-3", "123456789012345678",
            "0.1", "0.30000000000000004", "4.35", "  7.5 ", "00012.50", "1.", ".5",
        ])
    func decimals(text: String) {
        let trimmed = text.trimmingCharacters(in: " ")
        #expect(double(text) == Double(trimmed), "\(text)")
    }

    @Test func notNumbers() {
        #expect(double("") == nil)
        #expect(double("-") == nil)
        #expect(double(".") == nil)
        #expect(double("1.2.3") == nil)
        #expect(double("nan") == nil)
        #expect(double("inf") == nil)
        #expect(double("12abc") == nil)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }
}
