// The keyboard shortcuts, listed once: the "?" overlay shows these, the shell and the screens bind them.
export interface Shortcut {
  keys: string[]
  what: string
}

export const shortcutSections: { title: string; shortcuts: Shortcut[] }[] = [
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: ['Ctrl', 'K'], what: 'Open the command palette (⌘K on a Mac): go to any screen or run an action' },
      { keys: ['Ctrl', '1…9'], what: 'Go to the first to ninth screen of the navigation' },
      { keys: ['?'], what: 'Show these keyboard shortcuts' },
      { keys: ['Esc'], what: 'Close a dialog, the palette, a panel or manual entry' },
    ],
  },
  {
    title: 'Tables',
    shortcuts: [
      { keys: ['↑', '↓'], what: 'Move between rows (PageUp, PageDown, Home and End jump)' },
      { keys: ['Enter'], what: 'Open the row' },
    ],
  },
  {
    title: 'Leads',
    shortcuts: [
      { keys: ['/'], what: 'Search leads' },
      { keys: ['S'], what: 'Star or unstar the open lead' },
      { keys: ['E'], what: 'Archive or restore the open lead (with Undo)' },
    ],
  },
  {
    title: 'Booth',
    shortcuts: [{ keys: ['Enter'], what: 'Save the capture (scanners type the code and Enter)' }],
  },
]
