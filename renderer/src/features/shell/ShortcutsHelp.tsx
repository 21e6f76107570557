// "?" (outside a text field) lists the keyboard shortcuts.
import { useEffect } from 'react'
import { Kbd, Table, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { shortcutSections } from './shortcuts'

export function openShortcuts() {
  modals.open({
    title: 'Keyboard shortcuts',
    size: 'lg',
    children: shortcutSections.map((section) => (
      <section key={section.title} aria-label={section.title}>
        <Title order={3} size="h5" mt="sm" mb={4}>
          {section.title}
        </Title>
        <Table aria-label={`${section.title} shortcuts`} verticalSpacing={4}>
          <Table.Tbody>
            {section.shortcuts.map(({ keys, what }) => (
              <Table.Tr key={what}>
                <Table.Td w={140}>
                  {keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && ' + '}
                      <Kbd>{key}</Kbd>
                    </span>
                  ))}
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    )),
  })
}

/** True while the person types in a field (so single-key shortcuts stay out of the way). */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

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
