import SurveyPanel

/// Tables as text: aligned columns for the terminal, and Markdown. The one
/// renderer of rows and columns that every command and report uses.
public enum TextTable {
    /// How columns line up in plain text.
    public enum Alignment: Sendable {
        /// The first column on the left, the others (numbers) on the right.
        case numbers
        /// Every column on the left, trailing spaces trimmed (lists of names and codes).
        case left
    }

    /// Rows with aligned columns; the first row is the header.
    public static func plain(_ rows: [[String]], alignment: Alignment = .numbers) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let pad = { (cell: String, width: Int) in cell + String(repeating: " ", count: max(0, width - cell.count)) }
        return rows.map { row in
            switch alignment {
            case .numbers:
                return row.enumerated().map { i, cell in
                    i == 0 ? pad(cell, widths[i]) : String(repeating: " ", count: max(0, widths[i] - cell.count)) + cell
                }.joined(separator: "  ")
            case .left:
                var line = row.enumerated().map { i, cell in
                    i == row.count - 1 || i >= widths.count ? cell : pad(cell, widths[i])
                }.joined(separator: "  ")
                while line.last == " " { line.removeLast() }
                return line
            }
        }.joined(separator: "\n")
    }

    /// A Markdown table; the first row is the header, the other columns right-aligned.
    public static func markdown(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|")
        for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
