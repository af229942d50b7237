import Foundation
import SurveyFiles

/// An export's data dictionary, from its columns: the CSV rows (column, label, type, codes, source,
/// confidence, then notes), its machine-readable twin (`.dictionary.json`), and the two helpers
/// written beside a CSV export that turn its codes into labelled values: `labels.R` (factors) and
/// `labels.do` (`label define` / `label values`).
public struct ExportDictionary: Sendable {
    /// The columns, in the file's order.
    public var columns: [ExportColumn]
    /// Notes after the columns: a key in parentheses (`(design)`, `(data)`) and the sentence.
    public var notes: [(key: String, text: String)]

    /// A dictionary of `columns` with `notes` after them.
    public init(columns: [ExportColumn], notes: [(key: String, text: String)] = []) {
        self.columns = columns
        self.notes = notes
    }

    /// The header of the CSV dictionary.
    public static let header = ["column", "label", "type", "codes", "source", "confidence"]

    /// The CSV dictionary's rows: the header, a row per column, a row per note.
    public var rows: [[String]] {
        [Self.header] + columns.map(\.dictionaryRow)
            + notes.map { [$0.key, $0.text] + Array(repeating: "", count: Self.header.count - 2) }
    }

    /// The dictionary as JSON: `{"file": …, "columns": [{"name", "label", "type", "codes": {"1": …},
    /// "source", "confidence"}, …], "notes": {"(design)": …}}`.
    public func json(file: String) throws -> [UInt8] {
        let list: [[String: Any]] = columns.map { c in
            var entry: [String: Any] = [
                "name": c.name, "label": c.label, "type": c.type, "source": c.source, "confidence": c.confidence,
            ]
            if !c.codes.isEmpty {
                entry["codes"] = Dictionary(c.codes.map { (String($0.code), $0.label) }, uniquingKeysWith: { a, _ in a })
            }
            if let note = c.codesNote { entry["values"] = note }
            return entry
        }
        let object: [String: Any] = [
            "file": file, "columns": list,
            "notes": Dictionary(notes.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a }),
        ]
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Array(data) + [0x0A]
    }

    /// The columns with labelled codes (whole numbers only).
    var coded: [ExportColumn] {
        columns.filter { c in
            guard case .integer = c.kind else { return false }
            return !c.codes.isEmpty
        }
    }

    /// `labels.R` (named `script`, beside `dataFile`): a function `ukpanel_labels(d)` that makes each coded column of the data frame `d`
    /// a factor with the dictionary's labels (codes not in the list stay as they are, as NA-free
    /// levels of their own), and gives every column its label as the `label` attribute.
    public func rScript(dataFile: String, script: String) -> String {
        var out = """
            # Labels for \(dataFile), written by ukpanel with the data. In R:
            #   d <- read.csv("\(dataFile)")
            #   source("\(script)")
            #   d <- ukpanel_labels(d)
            # Coded columns become factors (a code with no label keeps its number as its level);
            # every column gets its label as attr(, "label").
            ukpanel_labels <- function(d) {

            """
        for c in coded {
            let codes = c.codes.sorted { $0.code < $1.code }
            let levels = codes.map { String($0.code) }.joined(separator: ", ")
            let labels = codes.map { Self.rString($0.label) }.joined(separator: ", ")
            out += """
                  if ("\(c.name)" %in% names(d)) {
                    x <- d[["\(c.name)"]]
                    known <- c(\(levels))
                    other <- sort(setdiff(unique(x[!is.na(x)]), known))
                    d[["\(c.name)"]] <- factor(x, levels = c(known, other), labels = c(c(\(labels)), as.character(other)))
                  }

                """
        }
        for c in columns {
            out += "  if (\"\(c.name)\" %in% names(d)) attr(d[[\"\(c.name)\"]], \"label\") <- \(Self.rString(c.label))\n"
        }
        out += "  d\n}\n"
        return out
    }

    /// `labels.do` (named `script`, beside `dataFile`): `label define` for each coded column's codes, `label values` and `label variable`
    /// for every column present, to run after `import delimited`.
    public func stataDo(dataFile: String, script: String) -> String {
        var out = """
            * Labels for \(dataFile), written by ukpanel with the data. In Stata:
            *   import delimited using "\(dataFile)", clear case(preserve)
            *   do "\(script)"
            * (A .csv.gz must be unzipped first: Stata reads plain text.)
            version 14

            """
        var defined = Set<String>()
        for c in coded {
            let set = Self.stataSetName(c.name)
            guard defined.insert(set).inserted else { continue }
            let pairs = c.codes.sorted { $0.code < $1.code }.map { "\($0.code) \(Self.stataString($0.label))" }
            out += "label define \(set) \(pairs.joined(separator: " ")), replace\n"
        }
        for c in columns {
            out += "capture confirm variable \(c.name), exact\n"
            var body = ["label variable \(c.name) \(Self.stataString(String(c.label.prefix(80))))"]
            if coded.contains(where: { $0.name == c.name }) {
                body.append("label values \(c.name) \(Self.stataSetName(c.name))")
            }
            out += "if !_rc {\n" + body.map { "    \($0)\n" }.joined() + "}\n"
        }
        return out
    }

    /// A value-label set's name: the column's, cut to Stata's 32 characters.
    static func stataSetName(_ column: String) -> String { String(column.prefix(32)) }

    /// `text` as an R string literal.
    static func rString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `text` as a Stata compound-quoted string (`"…"` inside `` `" "' ``), which holds any quotes.
    static func stataString(_ text: String) -> String {
        "`\"" + text.replacingOccurrences(of: "\n", with: " ") + "\"'"
    }
}
