import Foundation

/// A static, accessible SVG chart of one KPI block: horizontal bars (one bar per city, or grouped bars
/// when a city has several years) or lines over the years. No JavaScript; every value is written next to
/// its mark so the chart reads in greyscale and in print; right-to-left pages get a mirrored chart.
struct SVGChart {
    struct Labels {
        var title: String
        var description: String
        var target: String?
        /// Formats a value as the page's locale does.
        var number: (Double, Int) -> String
    }

    let block: KPIBlock
    let idPrefix: String
    let rightToLeft: Bool
    let labels: Labels

    static let width = 640.0
    /// Distinct in luminance, so series stay apart in greyscale.
    static let palette = ["#00538b", "#7fb2d9", "#24323f", "#b9c7d3", "#4f7ea8", "#dde6ee"]
    static let markers = ["circle", "square", "triangle", "diamond"]

    func render() -> String {
        block.chart == .line && block.isSeries ? lineChart() : barChart()
    }

    // MARK: - Bars

    private func barChart() -> String {
        let cities = block.cities
        let isSeries = cities.count < block.data.count
        let years = isSeries ? block.years : []
        let rows = block.rowsByCity
        let perCity = max(years.count, 1)
        let barHeight = isSeries ? 14.0 : 20.0
        let rowHeight = Double(perCity) * (barHeight + 4) + 12
        let top = block.target == nil ? 8.0 : 26.0
        let legendHeight = years.isEmpty ? 0.0 : 26.0
        let plotHeight = Double(cities.count) * rowHeight
        let height = top + plotHeight + 30 + legendHeight
        let (x0, x1) = (170.0, Self.width - 80)
        let scale = Scale(values: block.data.map(\.value) + (block.target.map { [$0] } ?? []), from: x0, to: x1)

        var svg = open(height: height)
        svg += axis(scale: scale, top: top, bottom: top + plotHeight)
        for (row, city) in cities.enumerated() {
            let rowTop = top + Double(row) * rowHeight + 6
            svg += text(city, x: x0 - 8, y: rowTop + Double(perCity) * (barHeight + 4) / 2 + 2, anchor: .end, size: 13)
            for point in rows[city] ?? [] {
                let slot = years.firstIndex(of: point.year) ?? 0
                let y = rowTop + Double(slot) * (barHeight + 4)
                let (start, end) = (scale.position(0), scale.position(point.value))
                let color = Self.palette[(isSeries ? slot : 0) % Self.palette.count]
                svg += rect(x: min(start, end), y: y, width: abs(end - start), height: barHeight, fill: color,
                            label: "\(city) \(point.year)")
                let valueText = labels.number(point.value, point.fractionDigits)
                svg += text(valueText, x: max(start, end) + 6, y: y + barHeight / 2 + 4, anchor: .start, size: 12, weight: "600")
            }
        }
        if let target = block.target { svg += targetLine(target, scale: scale, top: top - 18, bottom: top + plotHeight) }
        if !years.isEmpty {
            svg += legend(years.map(String.init), y: top + plotHeight + 34, shapes: false)
        }
        return svg + "</svg>"
    }

    // MARK: - Lines

    private func lineChart() -> String {
        let years = block.years
        let cities = block.cities
        let rows = block.rowsByCity
        let top = 16.0
        let plotHeight = 220.0
        let height = top + plotHeight + 40 + 26
        let (x0, x1) = (60.0, Self.width - 110)
        let scale = Scale(values: block.data.map(\.value) + (block.target.map { [$0] } ?? []), from: top + plotHeight, to: top)
        let firstYear = Double(years.first ?? 0)
        let span = Double(max((years.last ?? 0) - (years.first ?? 0), 1))
        func xPosition(_ year: Int) -> Double { x0 + (Double(year) - firstYear) / span * (x1 - x0) }

        var svg = open(height: height)
        for tick in scale.ticks {
            let y = scale.position(tick)
            svg += line(x1: x0, y1: y, x2: x1, y2: y, stroke: "#d5dae0", dashed: false)
            svg += text(labels.number(tick, scale.tickDigits), x: x0 - 8, y: y + 4, anchor: .end, size: 11)
        }
        for year in years {
            svg += text(String(year), x: xPosition(year), y: top + plotHeight + 18, anchor: .middle, size: 11)
        }
        for (index, city) in cities.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let points = (rows[city] ?? []).sorted { $0.year < $1.year }
            let coordinates = points.map { (mirror(xPosition($0.year)), scale.position($0.value)) }
            if coordinates.count > 1 {
                let path = coordinates.map { "\(fmt($0.0)),\(fmt($0.1))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" />"
            }
            for (point, coordinate) in zip(points, coordinates) {
                svg += marker(Self.markers[index % Self.markers.count], x: coordinate.0, y: coordinate.1, fill: color,
                              label: "\(city) \(point.year): \(labels.number(point.value, point.fractionDigits))")
            }
            if let last = points.last, let position = coordinates.last {
                svg += text("\(labels.number(last.value, last.fractionDigits))", x: unmirror(position.0) + 8, y: position.1 + 4,
                            anchor: .start, size: 12, weight: "600")
            }
        }
        if let target = block.target {
            let y = scale.position(target)
            svg += line(x1: x0, y1: y, x2: x1, y2: y, stroke: "#a32020", dashed: true)
            if let label = labels.target { svg += text(label, x: x1 + 4, y: y - 4, anchor: .start, size: 11, fill: "#a32020") }
        }
        svg += legend(cities, y: top + plotHeight + 44, shapes: true)
        return svg + "</svg>"
    }

    // MARK: - Parts

    private func open(height: Double) -> String {
        let titleID = "\(idPrefix)-title"
        let descID = "\(idPrefix)-desc"
        return "<svg class=\"kpi-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(fmt(Self.width)) \(fmt(height))\" "
            + "width=\"\(fmt(Self.width))\" height=\"\(fmt(height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" "
            + "font-family=\"Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, sans-serif\">"
            + "<title id=\"\(titleID)\">\(HTML.escape(labels.title))</title><desc id=\"\(descID)\">\(HTML.escape(labels.description))</desc>"
    }

    private func axis(scale: Scale, top: Double, bottom: Double) -> String {
        var svg = ""
        for tick in scale.ticks {
            let x = scale.position(tick)
            svg += line(x1: x, y1: top, x2: x, y2: bottom, stroke: tick == 0 ? "#4a525c" : "#d5dae0", dashed: false)
            svg += text(labels.number(tick, scale.tickDigits), x: x, y: bottom + 16, anchor: .middle, size: 11)
        }
        return svg
    }

    private func targetLine(_ target: Double, scale: Scale, top: Double, bottom: Double) -> String {
        let x = scale.position(target)
        var svg = line(x1: x, y1: top + 4, x2: x, y2: bottom, stroke: "#a32020", dashed: true)
        if let label = labels.target { svg += text(label, x: x, y: top, anchor: .middle, size: 11, fill: "#a32020") }
        return svg
    }

    private func legend(_ names: [String], y: Double, shapes: Bool) -> String {
        var svg = ""
        var x = 20.0
        for (index, name) in names.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            if shapes {
                svg += marker(Self.markers[index % Self.markers.count], x: mirror(x + 6), y: y - 4, fill: color, label: nil)
            } else {
                svg += rect(x: x, y: y - 10, width: 12, height: 12, fill: color, label: nil)
            }
            svg += text(name, x: x + 18, y: y, anchor: .start, size: 12)
            x += 30 + Double(name.count) * 7.5
        }
        return svg
    }

    private enum Anchor { case start, middle, end }

    /// Text placed in left-to-right coordinates; mirrored (position and anchor) on right-to-left pages.
    private func text(_ content: String, x: Double, y: Double, anchor: Anchor, size: Double, weight: String? = nil,
                      fill: String = "#1b1f24") -> String {
        let anchorName: String
        switch (anchor, rightToLeft) {
        case (.middle, _): anchorName = "middle"
        case (.start, false), (.end, true): anchorName = "start"
        case (.end, false), (.start, true): anchorName = "end"
        }
        let weightAttribute = weight.map { " font-weight=\"\($0)\"" } ?? ""
        return "<text x=\"\(fmt(mirror(x)))\" y=\"\(fmt(y))\" text-anchor=\"\(anchorName)\" font-size=\"\(fmt(size))\"\(weightAttribute) fill=\"\(fill)\">\(HTML.escape(content))</text>"
    }

    private func rect(x: Double, y: Double, width: Double, height: Double, fill: String, label: String?) -> String {
        let left = rightToLeft ? Self.width - x - width : x
        let title = label.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        return "<rect x=\"\(fmt(left))\" y=\"\(fmt(y))\" width=\"\(fmt(max(width, 0.5)))\" height=\"\(fmt(height))\" fill=\"\(fill)\" stroke=\"#1b1f24\" stroke-width=\"0.5\">\(title)</rect>"
    }

    private func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dashed: Bool) -> String {
        "<line x1=\"\(fmt(mirror(x1)))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(mirror(x2)))\" y2=\"\(fmt(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(dashed ? "2" : "1")\"\(dashed ? " stroke-dasharray=\"6 4\"" : "") />"
    }

    /// Markers differ in shape as well as colour, for greyscale print. `x` is already mirrored.
    private func marker(_ shape: String, x: Double, y: Double, fill: String, label: String?) -> String {
        let title = label.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        let stroke = " stroke=\"#1b1f24\" stroke-width=\"1\""
        switch shape {
        case "square":
            return "<rect x=\"\(fmt(x - 5))\" y=\"\(fmt(y - 5))\" width=\"10\" height=\"10\" fill=\"\(fill)\"\(stroke)>\(title)</rect>"
        case "triangle":
            return "<polygon points=\"\(fmt(x)),\(fmt(y - 6)) \(fmt(x + 6)),\(fmt(y + 5)) \(fmt(x - 6)),\(fmt(y + 5))\" fill=\"\(fill)\"\(stroke)>\(title)</polygon>"
        case "diamond":
            return "<polygon points=\"\(fmt(x)),\(fmt(y - 6)) \(fmt(x + 6)),\(fmt(y)) \(fmt(x)),\(fmt(y + 6)) \(fmt(x - 6)),\(fmt(y))\" fill=\"\(fill)\"\(stroke)>\(title)</polygon>"
        default:
            return "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"5\" fill=\"\(fill)\"\(stroke)>\(title)</circle>"
        }
    }

    private func mirror(_ x: Double) -> Double { rightToLeft ? Self.width - x : x }
    private func unmirror(_ x: Double) -> Double { mirror(x) }

    /// Coordinates with at most one decimal, so the markup is short and stable.
    private func fmt(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// A linear scale from data values to positions, with "nice" ticks (1, 2 or 5 × 10ⁿ).
struct Scale {
    let low: Double
    let high: Double
    let from: Double
    let to: Double
    let ticks: [Double]
    let tickDigits: Int

    init(values: [Double], from: Double, to: Double) {
        let minimum = min(values.min() ?? 0, 0)
        let maximum = max(values.max() ?? 1, 0)
        let span = maximum - minimum > 0 ? maximum - minimum : 1
        let rough = span / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        low = floor(minimum / step) * step
        high = ceil(maximum / step) * step
        var ticks: [Double] = []
        var tick = low
        while tick <= high + step / 2 {
            ticks.append((tick / step).rounded() * step)
            tick += step
        }
        self.ticks = ticks
        tickDigits = step >= 1 ? 0 : Int(-floor(log10(step)))
        self.from = from
        self.to = to
    }

    func position(_ value: Double) -> Double {
        guard high > low else { return from }
        return from + (value - low) / (high - low) * (to - from)
    }
}
