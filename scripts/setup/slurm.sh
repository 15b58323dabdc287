#!/usr/bin/env bash
# Single-node Slurm cluster for the AsiArch.Sdk.Slurm tests and benchmark (fresh Debian 12, run as root):
# munge + slurmctld + slurmd on this host, 2 CPUs oversubscribable to 16 job slots, two fake GPUs declared through GRES
# (gres.conf files that exist but are not devices), no cgroups (containers), no accounting database.
# Idempotent: installs only what is missing, rewrites the config only when it changed, starts only what is not running,
# and returns once `sinfo` shows the node idle.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  command -v sbatch >/dev/null 2>&1 || echo "setup/slurm: not root; skipping the Slurm cluster (Slurm tests will be skipped)." >&2
  exit 0
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v sbatch >/dev/null 2>&1 \
  || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi

node=$(hostname -s)
etc=/etc/slurm
mkdir -p "$etc" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /var/lib/asiarch-fake-gpu /run/munge

# Fake GPUs: slurmd wants character devices; copies of /dev/null (or links to it where mknod is refused) are enough for
# it to bind one per job and set CUDA_VISIBLE_DEVICES / SLURM_JOB_GPUS from their indexes.
for i in 0 1; do
  dev=/var/lib/asiarch-fake-gpu/nvidia$i
  [[ -c $dev ]] && continue
  rm -f "$dev"
  mknod "$dev" c 1 3 2>/dev/null || ln -s /dev/null "$dev"
done

# Munge key (created once) and daemon.
if [[ ! -s /etc/munge/munge.key ]]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0700 /etc/munge
chmod 0400 /etc/munge/munge.key
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

mem_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
real_mem=$((mem_mb * 3 / 4))
conf=$(cat <<CONF
# Written by scripts/setup/slurm.sh: a single-node test cluster.
ClusterName=asiarch
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# Requeued jobs wait one credential lifetime before they start again (default 120 s).
AuthInfo=cred_expire=10
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=5
JobAcctGatherParams=OverMemoryKill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
GresTypes=gpu
ReturnToService=2
MinJobAge=600
KillWait=5
OverTimeLimit=0
MessageTimeout=10
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
JobRequeue=1
MpiDefault=none
NodeName=$node CPUs=2 RealMemory=$real_mem Gres=gpu:2 State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:8
CONF
)
gres="NodeName=$node Name=gpu File=/var/lib/asiarch-fake-gpu/nvidia[0-1]"
changed=0
if [[ "$(cat $etc/slurm.conf 2>/dev/null)" != "$conf" ]]; then printf '%s\n' "$conf" >$etc/slurm.conf; changed=1; fi
if [[ "$(cat $etc/gres.conf 2>/dev/null)" != "$gres" ]]; then printf '%s\n' "$gres" >$etc/gres.conf; changed=1; fi
# Debian's slurmd wants a cgroup.conf only with cgroup plugins; none here.

running() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
if ((changed)); then
  running /run/slurmd.pid && kill "$(cat /run/slurmd.pid)" && sleep 1
  running /run/slurmctld.pid && kill "$(cat /run/slurmctld.pid)" && sleep 1
fi
running /run/slurmctld.pid || slurmctld
running /run/slurmd.pid || slurmd

for _ in $(seq 120); do
  state=$(sinfo -h -n "$node" -o '%T' 2>/dev/null || true)
  case "$state" in
    idle*|mixed*|allocated*) exit 0 ;;
    drain*|down*) scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
echo "setup/slurm: node $node did not become idle (state: ${state:-unknown}); see /var/log/slurm/slurmd.log and slurmctld.log" >&2
exit 1
