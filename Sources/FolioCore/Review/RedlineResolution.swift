import Foundation

/// How the redline reads a version's cross-references and citations. On the changes page, as the
/// chapter page shows them ("section 1.2", "(UNECE 2020)"), each linked to what it names: a reader
/// compares what they read. In `folio diff`, as written (`@sec-definition`, `[@unece-2020]`): the
/// command points authors at their source.
struct RedlineResolution {
    /// What a reference or a citation reads as, and where it leads.
    struct Reading {
        var text: String
        var link: RedlineLink?
    }

    /// What the site shows, for one version of a chapter.
    struct SiteReading {
        /// Element labels in the chapter text's language ("section {n}").
        var labels: ElementLabels
        var crossReferences: CrossReferenceIndex
        /// The language of the page's book (its labels and links).
        var language: String
        var slug: String
        /// From the changes page to the site root.
        var root: String
        /// The labels of this version of the chapter: its references into itself read as this version
        /// numbered them (the index holds only the chapter as it is now).
        var ownLabels: [String: NumberedElement]
        /// This version's citations as citeproc formatted them, by ordinal.
        var citations: [Int: FormattedCitation]
        var entryHref: (String) -> String
    }

    var site: SiteReading?

    static var asWritten: RedlineResolution { RedlineResolution(site: nil) }

    func reference(_ reference: CrossReference) -> Reading {
        guard let site else { return Reading(text: "@" + reference.label) }
        let found: (element: NumberedElement, slug: String, language: String)
        if let own = site.ownLabels[reference.label] {
            found = (own, site.slug, site.language)
        } else if let target = site.crossReferences.target(reference.label, in: site.language) {
            found = (target.element, target.slug, target.language)
        } else {
            // Unknown here (the checks report it for the chapter as it is now): as written, nothing lost.
            return Reading(text: "@" + reference.label)
        }
        let (element, slug, language) = found
        // The changes page sits in the chapter's folder: its own chapter page is `../index.html`.
        var href = slug == site.slug ? "../index.html" : SitePaths.chapter(slug: slug, language: language, root: site.root)
        if element.kind != .chapter { href += "#" + element.anchor }
        return Reading(text: site.labels.reference(element, capitalized: reference.capitalized),
                       link: RedlineLink(href: href, kind: .reference))
    }

    func citation(_ citation: Citation) -> Reading {
        guard let site, let formatted = site.citations[citation.ordinal] else { return Reading(text: citation.written) }
        // In a note style the text holds only the note's call: the redline reads the note's words.
        var text = FormattedInline.plainText(formatted.inline)
        if text.trimmingCharacters(in: .whitespaces).isEmpty, let note = formatted.note { text = FormattedInline.plainText(note) }
        guard !text.isEmpty else { return Reading(text: citation.written) }
        return Reading(text: text, link: citation.keys.first.map { RedlineLink(href: site.entryHref($0), kind: .citation) })
    }
}

/// Where a redline token that stands for a cross-reference or a citation leads on the site.
public struct RedlineLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case reference, citation
    }

    public var href: String
    public var kind: Kind
}
