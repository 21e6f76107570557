// "?" (outside a text field) lists the keyboard shortcuts.
import { useEffect } from 'react'
import { Kbd, Table } from '@mantine/core'
import { modals } from '@mantine/modals'

const shortcuts: [string[], string][] = [
  [['Ctrl', 'K'], 'Open the command palette (⌘K on a Mac)'],
  [['?'], 'Show these keyboard shortcuts'],
  [['Esc'], 'Close a dialog, the palette or manual entry'],
  [['Enter'], 'Save the capture in the booth'],
]

export function openShortcuts() {
  modals.open({
    title: 'Keyboard shortcuts',
    children: (
      <Table aria-label="Keyboard shortcuts">
        <Table.Tbody>
          {shortcuts.map(([keys, what]) => (
            <Table.Tr key={what}>
              <Table.Td>{keys.map((key, i) => <span key={key}>{i > 0 && ' + '}<Kbd>{key}</Kbd></span>)}</Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    ),
  })
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

export function ShortcutsHelp() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !isTyping(event.target)) {
        event.preventDefault()
        openShortcuts()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return null
}
