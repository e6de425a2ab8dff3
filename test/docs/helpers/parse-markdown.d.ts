/**
 * A small reader for the markdown the sheet generator writes: enough to check its structure
 * (tables, fenced blocks, the Mermaid chart) without comparing text.
 */
export interface Table {
    /** 1-based line of the header row. */
    line: number;
    header: string[];
    /** The `| --- |` row, which must follow the header. */
    delimiter: string;
    rows: string[][];
}
export interface Fence {
    line: number;
    info: string;
    body: string;
}
/** Splits a table row on unescaped pipes. */
export declare function cells(row: string): string[];
export declare function tables(markdown: string): Table[];
export declare function fences(markdown: string): Fence[];
export interface MermaidChart {
    direction: string;
    nodes: {
        id: string;
        shape: 'box' | 'stadium';
        label: string;
    }[];
    edges: {
        from: string;
        to: string;
        label: string;
    }[];
    /** Lines that are neither nodes, edges nor styling: a well-formed chart has none. */
    unknown: string[];
}
export declare function parseMermaid(body: string): MermaidChart;
/** The text under a `## heading`, up to the next `## ` heading. */
export declare function section(markdown: string, heading: string): string;
/** Mermaid entity codes (`#34;`) back to characters. */
export declare const decodeMermaid: (label: string) => string;
