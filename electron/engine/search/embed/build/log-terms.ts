/**
 * Words of system and security logs that GloVe (trained on Wikipedia and newswire) has but
 * ranks below the frequency cut: without them "daemon", "sudo" or "syslog" would only get
 * subword guesses. Words missing from GloVe are skipped by the build, so this list may be
 * generous; editing it changes the build script's hash and so rebuilds the model.
 */
export const LOG_TERMS: readonly string[] = `
daemon daemons auth authn authz sshd ssh sudo sudoers su cron crontab syslog rsyslog journald systemd
filesystem filesystems inode inodes fsck ext4 xfs btrfs ntfs nfs smb cifs samba mountpoint
pid pids uid gid tty pty login logins logon logout logoff passwd shadow pam kerberos ldap
radius tacacs oauth saml sso mfa totp otp token tokens cookie cookies session sessions
nginx apache httpd tomcat iis haproxy squid postfix sendmail dovecot exim bind named
dhcp dhcpd dns ntp ntpd snmp smtp imap pop3 ftp sftp tftp telnet rdp vnc http https
tls ssl x509 certificate certificates cert certs handshake cipher ciphers openssl
iptables nftables firewalld netfilter ufw selinux apparmor auditd audit kmod modprobe
kernel kthread kworker ksoftirqd oom malloc segfault segv sigsegv sigkill sigterm sighup
coredump core dumped stack heap overflow underflow mmap swap swapped paging pagefault
cpu cpus gpu ram vram memory latency throughput bandwidth jitter packet packets dropped
tcp udp icmp arp ipv4 ipv6 subnet netmask gateway router routers vlan vpn wan lan wifi
eth0 wlan0 loopback localhost hostname hostnames ip ips mac nic nics interface interfaces
timeout timeouts timed retry retries retrying backoff throttled throttling ratelimit
refused denied unauthorized forbidden unauthenticated authenticated authentication
authorization credentials credential brute bruteforce lockout locked unlock unlocked
reboot rebooted reboots shutdown restart restarted startup boot bootloader grub bios uefi
raid mdadm lvm zfs disk disks ssd hdd nvme sata partition partitions quota quotas
backup backups snapshot snapshots rsync tar gzip zip checksum checksums hash hashes
sha256 sha1 md5 crc signature signatures signed unsigned verify verified
docker container containers kubernetes kubelet pod pods k8s vm vms hypervisor kvm qemu
virtualbox vmware esxi xen jvm java python perl php ruby node npm pip yum apt dpkg rpm
powershell cmd bash sh shell shells zsh script scripts exec execve fork spawn spawned
process processes thread threads mutex deadlock semaphore queue queues scheduler
database databases sql mysql mysqld postgres postgresql sqlite oracle mongodb redis
elasticsearch kafka rabbitmq zookeeper hadoop spark cassandra memcached cache caches
malware ransomware trojan virus worm rootkit backdoor botnet exploit exploits phishing
vulnerability vulnerabilities cve patch patched patches hotfix antivirus defender
intrusion ids ips siem edr xdr soc forensic forensics incident incidents alert alerts
warn warning warnings error errors fatal critical debug info notice emerg crit
deprecated unreachable unavailable degraded healthy unhealthy heartbeat failover
admin admins sysadmin superuser username usernames useradd usermod groupadd chmod chown chroot setuid
`.split(/\s+/).filter((w) => w.length > 0);
