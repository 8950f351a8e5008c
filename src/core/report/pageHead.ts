// The start of a self-contained page (the report, the leaderboard) up to <body>: a
// Content-Security-Policy that forbids every request, light and dark, the report's stylesheet.
import { escapeHtml as e } from './escapeHtml';
import { REPORT_CSS } from './reportStyle';

export function pageHead(title: string, toolVersion: string, extraCss = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="ollama-bench ${e(toolVersion)}">
<title>${e(title)}</title>
<style>${REPORT_CSS}${extraCss}</style>
</head>`;
}
