// Tokenises every shipped methodology with the TextMate grammar (as VS Code does) and checks what a
// reader relies on: comments, strings and declaration keywords get their scopes on every line, and
// the grammar never gets stuck in a string or block comment past its end.
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '../../../methodologies');
const grammarPath = path.resolve(__dirname, '../syntaxes/tanhe.tmLanguage.json');

function methodologyFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'target' ? [] : methodologyFiles(p);
    return e.name.endsWith('.tanhe') ? [p] : [];
  });
}

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s)
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
  });
  const grammar = await registry.loadGrammar('source.tanhe');
  const files = methodologyFiles(root);
  const failures = [];
  let lines = 0;
  for (const file of files) {
    let state = vsctm.INITIAL;
    const text = fs.readFileSync(file, 'utf8').split('\n');
    text.forEach((line, i) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      lines++;
      const scopeAt = (col) => {
        const t = result.tokens.find((tok) => tok.startIndex <= col && col < tok.endIndex);
        return t ? t.scopes.join(' ') : '';
      };
      const where = `${path.relative(root, file)}:${i + 1}`;
      const comment = line.trimStart().startsWith('//') ? line.indexOf('//') : -1;
      if (comment >= 0 && !scopeAt(comment).includes('comment')) failures.push(`${where}: comment not scoped as a comment`);
      const decl = line.match(/^(set|factor|input|value|const|emission|total|formula|test|import|methodology|library)\b/);
      if (decl && !/keyword/.test(scopeAt(0))) failures.push(`${where}: \`${decl[1]}\` not scoped as a keyword`);
      if (!line.trimStart().startsWith('//')) {
        const quote = line.indexOf('"');
        if (quote >= 0 && !line.slice(0, quote).includes('//') && !scopeAt(quote).includes('string')) {
          failures.push(`${where}: string at column ${quote + 1} not scoped as a string`);
        }
      }
    });
  }
  if (failures.length > 0) {
    console.error(failures.slice(0, 50).join('\n'));
    console.error(`${failures.length} problems in ${files.length} files`);
    process.exit(1);
  }
  console.log(`every-methodology: ${files.length} files, ${lines} lines tokenised, comments, strings and declarations scoped`);
}

main().catch((e) => { console.error(e); process.exit(1); });
