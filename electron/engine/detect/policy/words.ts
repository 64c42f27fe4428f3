/**
 * The remediation per violation type: each names the policy change (if the access was
 * intended) or the code/configuration change (if it was not) that the finding implies.
 */
const list = (xs: string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export const remediation = {
  unauthorized_access: (p: string, d: string): string =>
    `If module '${p}' is meant to read '${d}', add '${d}' to principal '${p}'s datasets: whitelist in the policy and have the change reviewed; otherwise remove the read of '${d}' from module '${p}' (its code or configuration) and re-run the pipeline stage that consumed it.`,
  checksum_mismatch: (d: string, registry: string | null, readers: string[]): string =>
    `Do not rely on the output of ${readers.length > 0 ? list(readers.map((r) => `'${r}'`)) : 'any module'} built from '${d}' until this is resolved: restore the registered version of '${d}' from its custodian, or, if the new content was approved, update its digest in ${registry !== null ? `the registry '${registry}'` : `the dataset's sha256: in the policy`} and record who approved it.`,
  dataset_missing: (d: string, registry: string | null): string =>
    `Import an inventory (with SHA-256) of the files of '${d}' into the case so its integrity can be checked; if '${d}' is no longer used, remove it from the policy${registry !== null ? ` and from the registry '${registry}'` : ''}.`,
  shared_provenance: (p: string, others: string[], d: string, group: string): string =>
    `Give module '${p}' its own copy of '${d}' (a separate dataset with its own provenance) so it no longer shares it with ${list(others.map((o) => `'${o}'`))}; if the sharing is intended, these modules are not isolated from each other: move them out of the common isolation group '${group}' (group: in the policy) and record why.`,
  cache_contamination: (p: string, owners: string[], resources: string[]): string =>
    `Point module '${p}'s cache at its own cache location (fix its cache path in code or configuration so it no longer reaches ${list(resources.slice(0, 3))}) and clear the cache of ${list(owners.map((o) => `'${o}'`))}, which may now hold data '${p}' wrote or read; if the cache is meant to be shared, declare it as a dataset whitelisted for both principals instead of as a cache location.`,
  unknown_dataset: (p: string | null, resources: string[]): string =>
    p !== null
      ? `Declare a dataset covering ${list(resources.slice(0, 3))} under datasets: (with its provenance and checksum) and add it to principal '${p}'s whitelist if the read is intended; otherwise remove that read from module '${p}'.`
      : `Declare a dataset covering ${list(resources.slice(0, 3))} under datasets: if it is pipeline data, or narrow the monitored: roots if it is not.`,
  unknown_principal: (d: string | null): string =>
    `Find out which process made these accesses${d !== null ? ` to '${d}'` : ''} and add a principal whose match: recognises it (by user, host, or an original field under attrs: such as exe or userIdentity.arn), with the datasets it may access; if no pipeline module should have made them, treat them as an intrusion.`,
};
