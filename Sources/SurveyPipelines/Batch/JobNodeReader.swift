import Foundation
import SurveyEstimation
import SurveyFiles
import SurveyPanel
import SurveyReports
import SurveySchema
import Yams

/// Reads the entries of a job file's `tables:` and `exports:` lists, with errors that give the line.
struct JobNodeReader {
    let file: String

    func line(_ node: Node?) -> Int? { node?.mark.map { $0.line } }

    func error(_ node: Node?, _ reason: String) -> SurveyError {
        SurveyError(.invalidJob, file: file, line: line(node), reason: reason)
    }

    func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, context: String) throws {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                let name = key.string ?? "?"
                let hint =
                    ClosestNames.nearest(to: name, in: Array(allowed)).first.map { " Did you mean '\($0)'?" } ?? ""
                throw error(
                    key,
                    "\(context): unknown key '\(name)' (allowed: \(allowed.sorted().joined(separator: ", "))).\(hint)")
            }
        }
    }

    /// A string, or a list of strings.
    func strings(_ node: Node, _ context: String) throws -> [String] {
        if let one = node.string { return [one] }
        guard let list = node.sequence else { throw error(node, "\(context): expects a name or a list") }
        return try list.map { item in
            guard let s = item.string else { throw error(item, "\(context): expects names") }
            return s
        }
    }

    func bool(_ node: Node?, _ context: String) throws -> Bool {
        guard let node else { return false }
        guard let b = node.bool else { throw error(node, "\(context): expects true or false") }
        return b
    }

    /// `estimates: {ci: logit|normal, min_n: N}`.
    func estimationSettings(_ node: Node) throws -> EstimationSettings {
        guard let m = node.mapping else { throw error(node, "estimates: expects ci: and/or min_n:") }
        try checkKeys(m, allowed: ["ci", "min_n"], context: "estimates")
        var settings = EstimationSettings()
        if let ci = m["ci"] {
            guard let text = ci.string, let method = IntervalMethod(rawValue: text) else {
                throw error(ci, "estimates: ci: expects logit or normal")
            }
            settings.interval = method
        }
        if let n = m["min_n"] {
            guard let value = n.int, value >= 0 else {
                throw error(n, "estimates: min_n: expects a whole number of cases, 0 or more")
            }
            settings.minimumCases = value
        }
        return settings
    }

    func quarters(_ m: Node.Mapping) throws -> BatchJob.QuarterRange {
        var range = BatchJob.QuarterRange()
        for key in ["from", "to"] {
            guard let node = m[key] else { continue }
            guard let text = node.string, LFSPeriod(quarterLabel: text) != nil else {
                throw error(node, "\(key): expects a quarter such as 2021Q4")
            }
            if key == "from" { range.from = text } else { range.to = text }
        }
        return range
    }

    func waves(_ m: Node.Mapping) throws -> String {
        guard let node = m["waves"] else { return "all" }
        guard let text = node.string else { throw error(node, "waves: expects all, a range (h-n, 8-14) or a list") }
        if text.lowercased() != "all" {
            do { _ = try Wave.parseList(text) } catch { throw self.error(node, "waves: \(error)") }
        }
        return text
    }

    func vars(_ m: Node.Mapping) throws -> [String]? {
        guard let node = m["vars"] else { return nil }
        return try strings(node, "vars")
    }

    /// An entry of `tables:`: a table's name, `table: NAME` with options, or `crosstab: NAME` with its spec.
    func table(_ node: Node) throws -> BatchJob.Step {
        if let name = node.string { return try named(name, options: nil, node: node) }
        guard let m = node.mapping else { throw error(node, "a table is a name (esrc-2025) or a mapping") }
        if let name = m["table"]?.string { return try named(name, options: m, node: node) }
        if let name = m["crosstab"]?.string { return try crossTab(name, m, node: node) }
        throw error(
            node, "a table entry needs table: NAME (\(BatchJob.namedTables.joined(separator: ", "))) or crosstab: NAME")
    }

    func named(_ name: String, options m: Node.Mapping?, node: Node) throws -> BatchJob.Step {
        let unweighted = try bool(m?["unweighted"], "unweighted")
        switch name {
        case "esrc-2025", "briefing":
            if let m { try checkKeys(m, allowed: ["table", "unweighted"], context: "table esrc-2025") }
            return .init(
                name: "table esrc-2025", work: .briefing(unweighted: unweighted), output: "esrc-2025", line: line(node))
        case "lfs-wfh":
            if let m { try checkKeys(m, allowed: ["table", "unweighted", "from", "to"], context: "table lfs-wfh") }
            let range = try m.map(quarters) ?? .init()
            return .init(
                name: "table lfs-wfh", work: .lfsHomeWorking(unweighted: unweighted, quarters: range),
                output: "lfs-wfh",
                line: line(node))
        case "lfs-transitions":
            if let m {
                try checkKeys(
                    m, allowed: ["table", "unweighted", "from", "to", "link-quarters"], context: "table lfs-transitions"
                )
            }
            let range = try m.map(quarters) ?? .init()
            return .init(
                name: "table lfs-transitions",
                work: .lfsTransitions(
                    unweighted: unweighted, linkQuarters: try bool(m?["link-quarters"], "link-quarters"),
                    quarters: range),
                output: "lfs-transitions", line: line(node))
        case "tbi-anywhere-jobs":
            let keys = ["table", "unweighted", "onet", "crosswalk", "rules", "occupations", "occupations-soc2020"]
            if let m { try checkKeys(m, allowed: Set(keys), context: "table tbi-anywhere-jobs") }
            let text = { (key: String) in m?[key]?.string }
            let (onet, crosswalk, occupations) = (text("onet"), text("crosswalk"), text("occupations"))
            let fromModel = onet != nil || crosswalk != nil || text("rules") != nil
            guard occupations != nil ? !fromModel : onet != nil && crosswalk != nil else {
                throw error(
                    node,
                    "table tbi-anywhere-jobs needs onet: (the O*NET release) and crosswalk: (rules: optional), or occupations: (a table written by anywhere classify), not both"
                )
            }
            if text("occupations-soc2020") != nil && occupations == nil {
                throw error(node, "table tbi-anywhere-jobs: occupations-soc2020: goes with occupations: (the SOC 2010 table)")
            }
            return .init(
                name: "table tbi-anywhere-jobs",
                work: .anywhereJobs(
                    unweighted: unweighted, onet: onet, crosswalk: crosswalk, rules: text("rules"),
                    occupations: occupations, occupations2020: text("occupations-soc2020")),
                output: "tbi-anywhere-jobs", line: line(node))
        default:
            let hint =
                ClosestNames.nearest(to: name, in: BatchJob.namedTables).first.map { " Did you mean '\($0)'?" } ?? ""
            throw error(
                node,
                "no table '\(name)' (tables: \(BatchJob.namedTables.joined(separator: ", ")); or define one with crosstab:).\(hint)"
            )
        }
    }

    func crossTab(_ name: String, _ m: Node.Mapping, node: Node) throws -> BatchJob.Step {
        try checkKeys(
            m, allowed: ["crosstab", "survey", "rows", "columns", "domain", "weight", "by", "waves", "from", "to"],
            context: "crosstab \(name)")
        guard name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) != nil else {
            throw error(node, "crosstab \(name): a name of letters, digits, _ . - (it names the output folder)")
        }
        guard let surveyText = m["survey"]?.string, let survey = CrossTabSpec.Survey(rawValue: surveyText) else {
            throw error(m["survey"] ?? node, "crosstab \(name): survey: ukhls or lfs")
        }
        guard let rows = m["rows"]?.string else { throw error(node, "crosstab \(name): rows: VARIABLE is required") }
        guard let columns = m["columns"]?.string else {
            throw error(node, "crosstab \(name): columns: VARIABLE is required")
        }
        var domain: [CrossTabSpec.Condition] = []
        if let d = m["domain"] {
            for text in try strings(d, "domain") {
                guard let c = CrossTabSpec.Condition(parsing: text) else {
                    throw error(
                        d, "crosstab \(name): domain '\(text)': write NAME = 1, NAME != 3, NAME in 1,2 or NAME in 16-64"
                    )
                }
                domain.append(c)
            }
        }
        var weight: String? = CrossTabSpec.defaultWeight(survey)
        if let w = m["weight"] {
            guard let text = w.string else { throw error(w, "weight: a weight variable, or none") }
            weight = text.lowercased() == "none" ? nil : text
        }
        let byDefault: CrossTabSpec.By = survey == .ukhls ? .wave : .quarter
        var by = byDefault
        if let b = m["by"] {
            let allowed: [CrossTabSpec.By] = survey == .ukhls ? [.wave, .year, .all] : [.quarter, .year, .all]
            guard let text = b.string, let value = CrossTabSpec.By(rawValue: text), allowed.contains(value) else {
                throw error(b, "by: for \(survey.rawValue), one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            by = value
        }
        let spec = CrossTabSpec(
            name: name, survey: survey, rows: rows, columns: columns, domain: domain, weight: weight, by: by)
        return .init(
            name: "crosstab \(name)", work: .crossTab(spec, waves: try waves(m), quarters: try quarters(m)),
            output: name,
            line: line(node))
    }

    /// An entry of `exports:`: `panel: FILE`, `transitions: FILE` or `lfs: FILE`, with options.
    func export(_ node: Node) throws -> BatchJob.Step {
        guard let m = node.mapping else {
            throw error(node, "an export is a mapping: panel: FILE, transitions: FILE or lfs: FILE")
        }
        func checkFile(_ file: String, _ node: Node?) throws {
            guard !file.hasPrefix("/"), !file.split(separator: "/").contains(".."),
                (try? ExportFiles.fileType(of: file)) != nil, file != "-"
            else {
                throw error(
                    node, "export file '\(file)': a .csv, .csv.gz, .parquet or .dta name inside the output folder")
            }
        }
        if let file = m["panel"]?.string {
            try checkKeys(m, allowed: ["panel", "format", "waves", "vars", "design"], context: "export \(file)")
            try checkFile(file, m["panel"])
            var format = PanelExport.Format.long
            if let f = m["format"] {
                guard let text = f.string, let value = PanelExport.Format(rawValue: text) else {
                    throw error(f, "format: long or wide")
                }
                format = value
            }
            return .init(
                name: "export \(file)",
                work: .exportPanel(
                    file: file, format: format, waves: try waves(m), vars: try vars(m), design: try design(m)),
                output: file, line: line(node))
        }
        if let file = m["transitions"]?.string {
            try checkKeys(m, allowed: ["transitions", "waves"], context: "export \(file)")
            try checkFile(file, m["transitions"])
            return .init(
                name: "export \(file)", work: .exportTransitions(file: file, waves: try waves(m)), output: file,
                line: line(node))
        }
        if let file = m["lfs"]?.string {
            try checkKeys(m, allowed: ["lfs", "from", "to", "vars", "design"], context: "export \(file)")
            try checkFile(file, m["lfs"])
            return .init(
                name: "export \(file)",
                work: .exportLFS(file: file, quarters: try quarters(m), vars: try vars(m), design: try design(m)),
                output: file, line: line(node))
        }
        throw error(node, "an export needs panel: FILE, transitions: FILE or lfs: FILE")
    }

    /// `design: false` (an export's `vars:` without the design's columns); true when absent.
    func design(_ m: Node.Mapping) throws -> Bool {
        guard let node = m["design"] else { return true }
        guard let text = node.string, let value = Bool(text) else {
            throw error(node, "design: true (vars: keep the weights, strata and PSU; the default) or false")
        }
        return value
    }
}
