"""Shared builders for DOCX / XLSX / PDF / print-HTML output."""
