// Command validate reads rendered Kubernetes manifests (helm template output) on standard input
// and decodes each document strictly into the typed objects of k8s.io/api, so that an unknown
// or misspelt field, a duplicate field or a wrong type fails. It needs no cluster and no network:
// the offline stand-in for kubeconform in tools/helm/check.sh.
//
// It then checks the platform's own rules on every Deployment: the hardening the charts promise
// (non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp, probes on
// /health and /ready, resources) and that the shutdown budget fits the grace period; and on every
// Job (the realm import): the same hardening, bounded retries and run time, no restarts, and
// credentials only from Secrets.
//
// Usage: helm template ... | go run ./tools/helm/validate
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	decoder := serializer.NewCodecFactory(scheme.Scheme, serializer.EnableStrict).UniversalDeserializer()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	var problems []string
	counts := map[string]int{}
	for n := 1; ; n++ {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail("reading document %d: %v", n, err)
		}
		source := sourceOf(doc)
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		obj, gvk, err := decoder.Decode(doc, nil, nil)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", source, err))
			continue
		}
		counts[gvk.Kind]++
		if d, ok := obj.(*appsv1.Deployment); ok {
			for _, p := range checkDeployment(d) {
				problems = append(problems, fmt.Sprintf("%s: Deployment %s: %s", source, d.Name, p))
			}
		}
		if j, ok := obj.(*batchv1.Job); ok {
			for _, p := range checkJob(j) {
				problems = append(problems, fmt.Sprintf("%s: Job %s: %s", source, j.Name, p))
			}
		}
		_ = runtime.Object(obj)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "FAIL:", p)
		}
		os.Exit(1)
	}
	var parts []string
	for _, kind := range []string{"Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "ConfigMap", "Job", "Pod"} {
		if counts[kind] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[kind], kind))
		}
	}
	fmt.Printf("valid: %s\n", strings.Join(parts, ", "))
}

func checkDeployment(d *appsv1.Deployment) []string {
	pod := d.Spec.Template.Spec
	out := checkHardening(pod)
	if pod.TerminationGracePeriodSeconds == nil {
		out = append(out, "no terminationGracePeriodSeconds")
	}
	for _, c := range pod.Containers {
		if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet == nil || c.LivenessProbe.HTTPGet.Path != "/health" {
			out = append(out, c.Name+": no liveness probe on /health")
		}
		if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet == nil || c.ReadinessProbe.HTTPGet.Path != "/ready" {
			out = append(out, c.Name+": no readiness probe on /ready")
		}
		env := envOf(c)
		for _, name := range []string{"PORT", "DATABASE_URL", "NATS_URL", "SHUTDOWN_TIMEOUT_MS"} {
			if _, ok := env[name]; !ok {
				out = append(out, c.Name+": no env "+name)
			}
		}
		out = append(out, fromSecrets(c, env, "DATABASE_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")...)
		if ms, err := strconv.Atoi(env["SHUTDOWN_TIMEOUT_MS"].Value); err == nil && pod.TerminationGracePeriodSeconds != nil {
			if int64(ms) >= *pod.TerminationGracePeriodSeconds*1000 {
				out = append(out, c.Name+": SHUTDOWN_TIMEOUT_MS does not fit in terminationGracePeriodSeconds")
			}
		}
	}
	return out
}

// checkJob: a one-off task (the realm import) is hardened like a service, ends (bounded retries
// and run time, no restarts in place) and gets its credentials from Secrets only.
func checkJob(j *batchv1.Job) []string {
	pod := j.Spec.Template.Spec
	out := checkHardening(pod)
	if j.Spec.BackoffLimit == nil {
		out = append(out, "no backoffLimit")
	}
	if j.Spec.ActiveDeadlineSeconds == nil {
		out = append(out, "no activeDeadlineSeconds")
	}
	if pod.RestartPolicy != corev1.RestartPolicyNever {
		out = append(out, "restartPolicy is not Never")
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		out = append(out, "mounts a service account token it does not need")
	}
	for _, c := range pod.Containers {
		out = append(out, fromSecrets(c, envOf(c), "KEYCLOAK_USER", "KEYCLOAK_PASSWORD", "KEYCLOAK_CLIENTSECRET", "CONGRESS_DIRECTORY_CLIENT_SECRET")...)
		if strings.HasSuffix(c.Image, ":latest") || !strings.ContainsAny(c.Image, ":@") {
			out = append(out, c.Name+": image "+c.Image+" is not pinned")
		}
	}
	return out
}

// checkHardening: the pod and container security settings and resources every workload of the
// platform has.
func checkHardening(pod corev1.PodSpec) []string {
	var out []string
	if sc := pod.SecurityContext; sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		out = append(out, "pod securityContext.runAsNonRoot is not true")
	} else if sc.SeccompProfile == nil || sc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		out = append(out, "pod seccompProfile is not RuntimeDefault")
	}
	for _, c := range pod.Containers {
		sc := c.SecurityContext
		switch {
		case sc == nil:
			out = append(out, c.Name+": no securityContext")
		case sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem:
			out = append(out, c.Name+": readOnlyRootFilesystem is not true")
		case sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation:
			out = append(out, c.Name+": allowPrivilegeEscalation is not false")
		case sc.Capabilities == nil || len(sc.Capabilities.Drop) != 1 || sc.Capabilities.Drop[0] != "ALL":
			out = append(out, c.Name+": capabilities do not drop ALL")
		}
		if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
			out = append(out, c.Name+": resources need cpu and memory requests and a memory limit")
		}
	}
	return out
}

func envOf(c corev1.Container) map[string]corev1.EnvVar {
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	return env
}

// fromSecrets: each of these variables, when set, comes from a Secret, never a plain value.
func fromSecrets(c corev1.Container, env map[string]corev1.EnvVar, names ...string) []string {
	var out []string
	for _, name := range names {
		if e, ok := env[name]; ok && (e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
			out = append(out, c.Name+": "+name+" does not come from a Secret")
		}
	}
	return out
}

// sourceOf returns the "# Source: ..." line helm template writes above each document.
func sourceOf(doc []byte) string {
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "# Source: ") {
			return strings.TrimPrefix(line, "# Source: ")
		}
	}
	return "(document)"
}

func stripComments(doc []byte) []byte {
	var b bytes.Buffer
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			b.Write(line)
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "validate: "+format+"\n", args...)
	os.Exit(2)
}
