import Foundation
import SurveyFiles
import SurveySchema
import Testing

@testable import SurveyReports

/// What travels with an export: the missing letters (the table the README documents, written out
/// here by hand), the dictionary's rows and JSON, and the Stata helper's label definitions (the R
/// helper is run by R in `scripts/crosscheck-exports.sh`).
@Suite struct ExportDictionaryTests {
    @Test func missingReasonsHaveTheDocumentedLetters() {
        let documented = [
            "a": "dont_know", "b": "refused", "c": "proxy", "d": "inapplicable", "e": "missing",
            "f": "not_available_iemb", "g": "only_iemb", "h": "no_bhps_data", "i": "no_ukhls_data", "j": "no_answer",
            "k": "does_not_apply", "l": "no_answer_or_does_not_apply", "m": "not_classified", "n": "unknown_code",
            "o": "blank", "p": "extended_missing", "q": "user_missing", "r": "not_in_wave", "s": "not_in_file",
            "t": "not_interviewed",
        ]
        for reason in MissingReason.allCases {
            let letter = MissingLetters.letter(reason)
            let name = String(UnicodeScalar(UInt8(0x60) + letter))
            #expect(documented[name] == reason.rawValue, "\(reason) is .\(name)")
        }
        #expect(MissingLetters.notInterviewed == 20)
        #expect(MissingLetters.table.count == documented.count)
        #expect(MissingLetters.legend.hasPrefix(".a dont_know; .b refused; .c proxy;"))
        #expect(MissingLetters.legend.hasSuffix(".t not_interviewed"))
    }

    static let columns = [
        ExportColumn(name: "pidp", label: "Person", type: "id", source: "pidp", confidence: "confirmed"),
        ExportColumn(
            name: "gor", label: "Region \"GOR\"", type: "code", codes: [(1, "North East"), (2, "North West")],
            source: "h_gor_dv", confidence: "confirmed"),
        ExportColumn.reason(of: "gor"),
        ExportColumn(name: "weight_xs", label: "Weight", type: "number"),
    ]

    @Test func theDictionaryListsColumnsThenNotes() throws {
        let dictionary = ExportDictionary(columns: Self.columns, notes: [("(design)", "strata and psu")])
        #expect(dictionary.rows.first == ["column", "label", "type", "codes", "source", "confidence"])
        #expect(dictionary.rows[2] == ["gor", "Region \"GOR\"", "code", "1=North East; 2=North West", "h_gor_dv", "confirmed"])
        #expect(dictionary.rows[3][0] == "gor_missing" && dictionary.rows[3][3].hasPrefix("dont_know, refused, proxy"))
        #expect(dictionary.rows.last == ["(design)", "strata and psu", "", "", "", ""])
        #expect(Self.columns.map(\.kind) == [.integer(range: nil), .integer(range: 1...2), .text(maxBytes: 27), .real])
        #expect(ExportColumn.written(Self.columns, keepingLetters: true).map(\.name) == ["pidp", "gor", "weight_xs"])
        let json = try JSONSerialization.jsonObject(with: Data(dictionary.json(file: "p.csv"))) as? [String: Any]
        let listed = json?["columns"] as? [[String: Any]]
        #expect(listed?.map { $0["name"] as? String } == ["pidp", "gor", "gor_missing", "weight_xs"])
        #expect((listed?[1]["codes"] as? [String: String]) == ["1": "North East", "2": "North West"])
        #expect((json?["notes"] as? [String: String]) == ["(design)": "strata and psu"])
    }

    @Test func theStataHelperDefinesAndAttachesEachCodedColumnsLabels() {
        let text = ExportDictionary(columns: Self.columns).stataDo(dataFile: "p.csv", script: "p.labels.do")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("*   do \"p.labels.do\""))
        #expect(lines.contains("label define gor 1 `\"North East\"' 2 `\"North West\"', replace"))
        #expect(lines.contains("    label values gor gor"))
        #expect(lines.contains("    label variable gor `\"Region \"GOR\"\"'"))
        #expect(!lines.contains { $0.contains("label values pidp") })
        #expect(lines.filter { $0.hasPrefix("capture confirm variable") }.count == Self.columns.count)
    }
}
