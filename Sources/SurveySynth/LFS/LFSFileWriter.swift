import Foundation
import SurveyFiles

/// The columns of a synthetic LFS person file: upper-case names, the NS-SEC
/// variables of the file's era, the weight of its vintage, and filler.
struct LFSColumnLayout: Sendable {
    let header: [String]
    /// For each column: a field of the record, or a filler column.
    let cells: [@Sendable (SynthLFSRecord, inout SplitMix64) -> String]

    init(year: Int, vintage: String, width: Int) {
        let era = year >= 2021 ? "20" : "10"
        var named: [(String, @Sendable (SynthLFSRecord, inout SplitMix64) -> String)] = [
            ("HSERIALP", { r, _ in String(r.hserial) }),
            ("PERSNO", { r, _ in String(r.persno) }),
            ("CASENOP", { r, _ in String(r.casenop) }),
            ("THISWV", { r, _ in String(r.thiswv) }),
            ("AGE", { r, _ in String(r.age) }),
            ("SEX", { r, _ in String(r.sex) }),
            ("ILODEFR", { r, _ in String(r.ilodefr) }),
            (
                "INECAC05",
                { r, _ in
                    r.ilodefr == 1
                        ? (r.selfEmployed ? "2" : "1")
                        : r.ilodefr == 2 ? "5" : r.ilodefr == 4 ? "34" : (r.age >= 66 ? "31" : "20")
                }
            ),
            ("HOME", { r, _ in String(r.home) }),
            ("HOME2", { r, _ in String(r.home2) }),
            ("HOMED1", { r, _ in String(r.homed1) }),
            ("NSECMJ\(era)", { r, _ in String(r.major) }),
            ("NSECM\(era)", { r, _ in r.operational }),
            ("GOVTOF2", { r, _ in String(r.region) }),
            ("GOVTOF", { r, _ in String(r.govtof) }),
            ("PWT\(vintage)", { r, _ in LFSFileWriter.decimal(r.weight) }),
            ("PIWT\(vintage)", { r, _ in r.pay != nil ? LFSFileWriter.decimal(r.weight * 2.5) : "0" }),
            // Occupation: SOC 2010 throughout (real files have SOC20M from 2021; see schemas/lfs.yaml).
            ("SOC10M", { r, _ in String(r.soc) }),
            ("INDS07M", { r, _ in String(r.industry) }),
            (year >= 2022 ? "HIQUL22D" : "HIQUL15D", { r, _ in String(r.hiqual) }),
            ("GRSSWK", { r, _ in r.pay.map { String(format: "%.2f", $0) } ?? "-9" }),
            ("FUTYPE6", { r, _ in String(r.familyType) }),
            ("FDPCH19", { r, _ in String(r.dependentChildren) }),
            ("RELHFU", { r, _ in String(r.relationship) }),
            ("RESTME", { r, _ in String(r.restme) }),
            ("REFWKY", { r, _ in String(2019 + r.quarter / 4) }),
        ]
        let filler = FillerColumns(count: max(0, width - named.count - 1), letter: "x", taken: [])
        var header = named.map(\.0)
        var cells = named.map(\.1)
        header.append("CRYOX7_EUL_Main")
        cells.append({ r, _ in r.age < 16 ? "-9" : "926" })
        for i in 0..<filler.names.count {
            let name = filler.names[i].dropFirst(2).uppercased()
            header.insert(String(name), at: min(header.count, 4 + i * 2))
            cells.insert(
                { _, random in
                    var line: [UInt8] = []
                    filler.appendCell(i, to: &line, random: &random)
                    return String(decoding: line, as: UTF8.self)
                }, at: min(cells.count, 4 + i * 2))
        }
        named.removeAll()
        self.header = header
        self.cells = cells
    }
}

enum LFSFileWriter {
    static func decimal(_ v: Double) -> String { String(format: "%.4f", v) }

    static func open(_ path: String, gzip: Bool) throws -> (AtomicOutputFile, ByteSink) {
        try OutputFolders.create(PathNames.folder(of: path))
        let file = try AtomicOutputFile(path: path)
        return (file, gzip ? try DeflatingSink(downstream: file.sink, format: .gzip) : file.sink)
    }

    static func writeQuarter(
        _ records: [SynthLFSRecord], layout: LFSColumnLayout, path: String, gzip: Bool, seed: UInt64,
        reweight: Double = 1
    ) throws {
        let (file, sink) = try open(path, gzip: gzip)
        var random = SplitMix64(seed: seed, stream: 12)
        var text = layout.header.joined(separator: "\t") + "\n"
        for var r in records {
            r.weight *= reweight
            text += layout.cells.map { $0(r, &random) }.joined(separator: "\t") + "\n"
            if text.utf8.count > 1 << 19 {
                try sink.write(text)
                text = ""
            }
        }
        try sink.write(text)
        try sink.finish()
        if sink !== file.sink { try file.sink.finish() }
        try file.commit()
    }

    /// People interviewed in all five quarters from `start`: their five records.
    static func histories(_ quarters: [[SynthLFSRecord]], start: Int) -> [[SynthLFSRecord]] {
        guard start + 4 < quarters.count else { return [] }
        var byPerson: [Int: [SynthLFSRecord]] = [:]
        for r in quarters[start] where r.thiswv == 1 { byPerson[r.casenop] = [r] }
        for q in (start + 1)...(start + 4) {
            var next: [Int: [SynthLFSRecord]] = [:]
            for r in quarters[q] {
                if var h = byPerson[r.casenop] {
                    h.append(r)
                    next[r.casenop] = h
                }
            }
            byPerson = next
        }
        return byPerson.keys.sorted().compactMap { byPerson[$0] }
    }

    /// A five-quarter longitudinal dataset: one row per person, wave-suffixed variables.
    static func writeLongitudinal(
        _ histories: [[SynthLFSRecord]], vintage: String, path: String, gzip: Bool, seed: UInt64
    )
        throws
    {
        let (file, sink) = try open(path, gzip: gzip)
        var random = SplitMix64(seed: seed, stream: 13)
        var header = ["PERSID", "LGWT\(vintage)", "SEX"]
        for stem in ["AGE", "ILODEFR", "HOME", "GOVTOF2", "NSECMJ20"] {
            for q in 1...5 { header.append("\(stem)\(q)") }
        }
        var text = header.joined(separator: "\t") + "\n"
        for h in histories {
            guard let first = h.first else { continue }
            var cells = [
                String(first.casenop), decimal(first.weight * 4.8 * exp(0.1 * random.normal())), String(first.sex),
            ]
            cells += h.map { String($0.age) } + h.map { String($0.ilodefr) } + h.map { String($0.home) }
            cells += h.map { String($0.region) } + h.map { String($0.major) }
            text += cells.joined(separator: "\t") + "\n"
        }
        try sink.write(text)
        try sink.finish()
        if sink !== file.sink { try file.sink.finish() }
        try file.commit()
    }
}
