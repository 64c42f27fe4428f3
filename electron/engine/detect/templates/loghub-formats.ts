/**
 * Header layouts of the loghub systems, in the `<Field>` notation of the loghub /
 * logparser benchmark. Used ONLY by the accuracy benchmark to cut the message content
 * out of the raw `*_2k.log` files; the product takes content from its own parsers.
 */

export const LOGHUB_FORMATS: Readonly<Record<string, string>> = {
  HDFS: '<Date> <Time> <Pid> <Level> <Component>: <Content>',
  Hadoop: '<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>',
  Spark: '<Date> <Time> <Level> <Component>: <Content>',
  Zookeeper: '<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>',
  BGL: '<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>',
  HPC: '<LogId> <Node> <Component> <State> <Time> <Flag> <Content>',
  Thunderbird: '<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>',
  Windows: '<Date> <Time>, <Level>                  <Component>    <Content>',
  Linux: '<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>',
  Android: '<Date> <Time>  <Pid>  <Tid> <Level> <Component>: <Content>',
  HealthApp: '<Time>\\|<Component>\\|<Pid>\\|<Content>',
  Apache: '\\[<Time>\\] \\[<Level>\\] <Content>',
  Proxifier: '\\[<Time>\\] <Program> - <Content>',
  OpenSSH: '<Date> <Day> <Time> <Component> sshd\\[<Pid>\\]: <Content>',
  OpenStack: '<Logrecord> <Date> <Time> <Pid> <Level> <Component> \\[<ADDR>\\] <Content>',
  Mac: '<Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content>',
};

/**
 * The regex for a format, built the way logparser does: literal text stays (runs of
 * spaces match any whitespace run), each `<Field>` becomes a lazy named group, and
 * `<Content>` takes the rest of the line.
 */
export function formatToRegex(format: string): RegExp {
  let src = '';
  for (const part of format.split(/(<[^<>]+>)/)) {
    if (part === '') continue;
    const field = /^<([^<>]+)>$/.exec(part)?.[1];
    if (field !== undefined) src += field === 'Content' ? '(?<Content>.*)' : `(?<${field}>.*?)`;
    else src += part.replace(/ +/g, '\\s+');
  }
  return new RegExp(`^${src}$`);
}

/** The content of one raw loghub line, or null when the header does not match. */
export function loghubContent(re: RegExp, line: string): string | null {
  const m = re.exec(line);
  return m?.groups?.Content ?? null;
}
