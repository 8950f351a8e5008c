// Chart colours from the theme's --vscode-* variables, read at runtime and again whenever VS Code
// switches theme (it changes the body's class: vscode-light, vscode-dark, vscode-high-contrast).
export interface ThemeColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  series: string[];
  loadBand: string;
  testBand: string;
  font: string;
  highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** `#rrggbb` or `rgb(...)` with an alpha, for translucent bands. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color)?.[1];
  if (hex) {
    const n = parseInt(hex, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(color)?.[1];
  if (rgb) {
    const [r, g, b] = rgb.split(',').map((x) => x.trim());
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

/** The colour of the i-th series on a chart: the palette in turn (the text colour without one). */
export function seriesColor(theme: ThemeColors, i: number): string {
  return theme.series[i % theme.series.length] ?? theme.foreground;
}

export function readTheme(): ThemeColors {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => cssVar(style, name, fallback);
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  const foreground = v('--vscode-foreground', '#cccccc');
  return {
    foreground,
    muted: v('--vscode-descriptionForeground', foreground),
    grid: highContrast
      ? v('--vscode-contrastBorder', foreground)
      : withAlpha(v('--vscode-foreground', '#cccccc'), 0.15),
    background: v('--vscode-editor-background', '#1e1e1e'),
    series: [
      v('--vscode-charts-blue', '#3794ff'),
      v('--vscode-charts-orange', '#d18616'),
      v('--vscode-charts-green', '#89d185'),
      v('--vscode-charts-purple', '#b180d7'),
      v('--vscode-charts-red', '#f14c4c'),
      v('--vscode-charts-yellow', '#cca700'),
    ],
    loadBand: withAlpha(v('--vscode-charts-yellow', '#cca700'), highContrast ? 0.3 : 0.12),
    testBand: withAlpha(v('--vscode-charts-blue', '#3794ff'), highContrast ? 0.25 : 0.08),
    font: v('--vscode-font-family', 'sans-serif'),
    highContrast,
  };
}

/** Calls `listener` with fresh colours after each theme switch. */
export function onThemeChange(listener: (colors: ThemeColors) => void): void {
  new MutationObserver(() => listener(readTheme())).observe(document.body, {
    attributes: true,
    attributeFilter: ['class'],
  });
}
