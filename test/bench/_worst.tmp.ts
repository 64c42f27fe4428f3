import { createMiner } from '../../electron/engine/detect/templates/miner';
const words = Array.from({ length: 5000 }, (_, i) => 'w' + i.toString(36).replace(/[0-9]/g, 'q') + 'x');
let seed = 1; const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
for (const len of [8, 30, 100]) {
  const lines = Array.from({ length: 20000 }, () => Array.from({ length: len }, () => words[Math.floor(rnd() * words.length)]).join(' '));
  const m = createMiner(); const t = performance.now();
  for (const l of lines) m.add(l);
  const s = (performance.now() - t) / 1000;
  console.log(len, 'tokens unique lines:', Math.round(lines.length / s), 'lines/s', m.templates().length, 'groups');
}
