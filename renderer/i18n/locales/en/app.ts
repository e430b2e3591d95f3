/** The frame around every page: navigation, the connection banner, the window title, help. */
export const app = {
  nav: {
    label: 'Main',
    targets: 'Targets',
    routes: 'Routes',
    server: 'Secure ADS server',
    certificates: 'Certificates',
    log: 'Log',
    settings: 'Settings',
  },
  windowTitle: '{{page}} – ADS Route Studio',
  connection: {
    title: 'Cannot reach the ADS Route Studio services',
  },
  help: {
    button: 'Help',
    shortcutsMenu: 'Keyboard shortcuts',
    shortcutsTitle: 'Keyboard shortcuts',
    keys: 'Keys',
    action: 'What they do',
    close: 'Close',
    shortcuts: {
      filter: { keys: 'Ctrl+F', action: 'Targets: put the cursor in the filter' },
      repeat: { keys: 'F5', action: 'Targets: run the last search again (instead of reloading the page)' },
      rows: { keys: '↑ ↓ Page Up Page Down Home End', action: 'Targets: move between the rows of the table' },
      space: { keys: 'Space', action: 'Targets: select or deselect the row that has the focus' },
      ctrlClick: { keys: 'Ctrl+click', action: 'Targets: add a row to the selection, or take it out' },
      escape: { keys: 'Esc', action: 'Close the open dialog or menu' },
      nav: { keys: '↑ ↓ Home End', action: 'Navigation: move between the pages' },
    },
  },
} as const;
