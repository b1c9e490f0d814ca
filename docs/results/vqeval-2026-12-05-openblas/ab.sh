cd "$(git rev-parse --show-toplevel)"
V=${V:-../shared/datasets/external/wan13b_4x_dense_dog.mp4}
FF=$(.venv/bin/python -c "import imageio_ffmpeg;print(imageio_ffmpeg.get_ffmpeg_exe())")
libpath=$(xargs -n1 dirname < vqeval/target/vqeval.natives | sort -u | paste -sd:)
base="-XX:+UseParallelGC -Djava.awt.headless=true -Xlog:disable -Xlog:all=error:stderr -XX:SharedArchiveFile=vqeval/target/vqeval.jsa -Dorg.bytedeco.javacpp.findLibraries=false -Djava.library.path=$libpath"
ms() { local t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N)-t0)/1000000 )); }
declare -A R
for r in $(seq ${N:-8}); do
  R[ff]+="$(ms $FF -v error -threads 2 -i $V -f null -) "
  R[A]+="$(LVSA_JAVA_OPTS="$base $A" ms bin/_java-launch vqeval dev.lvsa.vqeval.cli.VqevalCli evaluate $V --json /tmp/ab.json) "
  R[B]+="$(OPENBLAS_NUM_THREADS=${BOB:-} LVSA_JAVA_OPTS="$base $B" ms bin/_java-launch vqeval dev.lvsa.vqeval.cli.VqevalCli evaluate $V --json /tmp/ab.json) "
done
for k in ff A B; do echo "$k: $(echo ${R[$k]} | tr ' ' '\n' | sort -n | tr '\n' ' ') median $(echo ${R[$k]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print (NR%2? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"; done
