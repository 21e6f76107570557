// Imported first by launch.ts (ES modules evaluate imports in order), so an old Node stops here
// with one clear line instead of crashing later inside a native module built for Node 22.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Yardpass needs Node 22.12 or newer; this is Node ${process.versions.node}. Install Node 22 LTS and run npm start again.`,
  )
  process.exit(1)
}
export {}
