/// The folder and last component of a path, by plain string rules (Foundation's
/// `NSString.deletingLastPathComponent` traps on a one-character name on Linux).
public enum PathNames {
    /// The folder holding `path`: `a/b/c.csv` → `a/b`, `c.csv` → `.`, `/c.csv` → `/`;
    /// trailing slashes are ignored (`a/b/` → `a`).
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return String(folder)
    }

    /// The last component of `path`: `a/b/c.csv` → `c.csv`, `a/b/` → `b`, `/` → `/`.
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/"), trimmed.count > 1 else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}
